/**
 * The model table, typed, and everything derived from it. The rows live in ./model-rows.js (plain
 * JavaScript, so scripts/setup-models.mjs can read them before TypeScript tooling is installed);
 * this module checks them against ModelRow and derives the ids, the picker's choices, the
 * slow-machine order, the cross-check default and the CLI's list. A new model is one row there.
 *
 * Every derived function takes the table as an optional last argument (default: the real one), so
 * tests can show that a row added to a table appears everywhere without touching another file.
 * No tfjs here: the settings screen imports this without pulling tfjs into the first chunk.
 */
import { MODEL_ROWS, modelFiles } from './model-rows.js';

export { modelFiles };

type Variant<F extends string> = F extends 'movenet' ? 'lightning' | 'thunder' : 'lite' | 'full' | 'heavy';

interface RowBase {
  id: string;
  /** The picker's words for it. */
  label: string;
  /** Checked by MoveNet Lightning unless EstimatorConfig.crossCheck says otherwise. */
  crossCheck: boolean;
}

/** MoveNet SinglePose on tfjs: files = [graph]. */
export interface MoveNetRow extends RowBase {
  family: 'movenet';
  variant: Variant<'movenet'>;
  runtime: 'tfjs';
  files: readonly [graph: string];
  /** Rank from lightest (1) to heaviest. */
  cost: number;
}

/** BlazePose on tfjs: files = [detector graph, landmark graph]. */
export interface BlazePoseRow extends RowBase {
  family: 'blazepose';
  variant: Variant<'blazepose'>;
  runtime: 'tfjs';
  files: readonly [detector: string, landmark: string];
  cost: number;
}

/** BlazePose on Google's MediaPipe runtime (browser + WebGL only): never offered, so no cost. */
export interface MediaPipeRow extends RowBase {
  family: 'blazepose';
  variant: Variant<'blazepose'>;
  runtime: 'mediapipe';
  files: readonly string[];
  cost: null;
}

export type ModelRow = MoveNetRow | BlazePoseRow | MediaPipeRow;
export type ModelTable = readonly ModelRow[];

/** Every model we can run, one row each (see ./model-rows.js for the columns). */
export const MODEL_TABLE = MODEL_ROWS satisfies ModelTable;
type Real = typeof MODEL_TABLE;

/** A row of the real table (literal ids and file names). */
export type Model = Real[number];
/** Every model id in the table. */
export type ModelId = Model['id'];
export const MODEL_IDS: readonly ModelId[] = MODEL_TABLE.map((r) => r.id);

/** Names of the tfjs graph models under models/tfjs/ (without .json). */
export type TfjsModelFile = Extract<Model, { runtime: 'tfjs' }>['files'][number];

/** A tfjs row of table T (what the picker offers and the CLI can run). */
type TfjsRowOf<T extends ModelTable> = Extract<T[number], { runtime: 'tfjs' }>;

// The default table for the generic helpers below (T defaults to the real table's type).
const real = <T extends ModelTable>(table: T | undefined): T => table ?? (MODEL_TABLE as ModelTable as T);

/** The row of `id`, or undefined when the table has none. */
export function modelRow<T extends ModelTable = Real>(id: string, table?: T): T[number] | undefined {
  return real(table).find((r) => r.id === id);
}

export function isModelId(id: string): id is ModelId {
  return modelRow(id) !== undefined;
}

/** The models offered to choose from, lightest first: the tfjs ones, which run everywhere. */
export function offeredModels<T extends ModelTable = Real>(table?: T): TfjsRowOf<T>[] {
  const rows = real(table).filter((r): r is TfjsRowOf<T> => r.runtime === 'tfjs');
  return rows.sort((a, b) => a.cost - b.cost);
}

/** The settings picker: id and words, lighter to heavier. */
export function pickerChoices<T extends ModelTable = Real>(table?: T): { id: T[number]['id']; label: string }[] {
  return offeredModels(table).map((r) => ({ id: r.id, label: r.label }));
}

/** Model ids from lightest to heaviest (the slow-machine switch steps down this list). */
export function modelsByCost<T extends ModelTable = Real>(table?: T): T[number]['id'][] {
  return offeredModels(table).map((r) => r.id);
}

/** Whether `model` is cross-checked when EstimatorConfig.crossCheck is not given. */
export function crossCheckByDefault<T extends ModelTable = Real>(model: T[number]['id'], table?: T): boolean {
  return modelRow(model, table)?.crossCheck ?? false;
}

/** Models that run outside a browser (Node CLI, tests): the tfjs ones, in table order. */
export function nodeModels<T extends ModelTable = Real>(table?: T): T[number]['id'][] {
  return real(table)
    .filter((r) => r.runtime === 'tfjs')
    .map((r) => r.id);
}

/** Whether `model` needs a browser (the MediaPipe runtime). */
export function needsBrowser<T extends ModelTable = Real>(model: T[number]['id'], table?: T): boolean {
  return modelRow(model, table)?.runtime === 'mediapipe';
}

/** The same family and variant on tfjs (what to use instead of a MediaPipe model in Node), or null. */
export function tfjsTwin<T extends ModelTable = Real>(model: T[number]['id'], table?: T): T[number]['id'] | null {
  const row = modelRow(model, table);
  if (!row) return null;
  return real(table).find((r) => r.runtime === 'tfjs' && r.family === row.family && r.variant === row.variant)?.id ?? null;
}
