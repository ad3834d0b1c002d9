/**
 * The model table is the one place a model is declared. The real table gives exactly the lists the
 * app had before (picker, slow-machine order, cross-check default, CLI, setup files); a table with
 * one extra row shows that row in every derived list and loads it through the real factory, with
 * no other file touched.
 */
import { describe, expect, it } from 'vitest';
import { CROSS_CHECK_MODEL, DEFAULT_MODEL } from '../../src/estimate/estimator';
import { createEstimator, loaderFor } from '../../src/estimate/create-estimator';
import {
  MODEL_IDS,
  MODEL_TABLE,
  crossCheckByDefault,
  modelFiles,
  modelRow,
  modelsByCost,
  needsBrowser,
  nodeModels,
  pickerChoices,
  tfjsTwin,
  type Model,
  type ModelRow,
  type ModelTable,
} from '../../src/estimate/model-table';
import { fileLocator } from '../../src/estimate/node';
import type { ModelLocator } from '../../src/estimate/model-source';
import { isEstimatorError } from '../../src/estimate/errors';
import { lighterModel } from '../../src/ui/state/slow-machine';
import { MODEL_CHOICES } from '../../src/ui/state/settings.svelte';

/** A new BlazePose build: its own landmark graph, ranked between Lightning and Lite. */
const NEW_ROW = {
  id: 'blazepose-lite-v2',
  family: 'blazepose',
  variant: 'lite',
  runtime: 'tfjs',
  files: ['blazepose-detector', 'blazepose-lite-v2'],
  cost: 1.5,
  label: 'Balanced, new build (BlazePose Lite v2)',
  crossCheck: true,
} as const satisfies ModelRow;
const TABLE = [...MODEL_TABLE, NEW_ROW] as const satisfies ModelTable;

/** The factory's loader for any row, real or made up here (same shape, ids the types do not know). */
const loader = (row: ModelRow | undefined) => loaderFor(row as Model);

describe('the real model table', () => {
  it('has unique ids, and the default and the checker are rows of it', () => {
    expect(new Set(MODEL_IDS).size).toBe(MODEL_IDS.length);
    expect(modelRow(DEFAULT_MODEL)?.runtime).toBe('tfjs');
    expect(modelRow(CROSS_CHECK_MODEL)?.runtime).toBe('tfjs');
  });
  it('gives the picker, the slow-machine order and the cross-check default the app had', () => {
    const byCost = ['movenet-lightning', 'blazepose-lite', 'blazepose-full', 'movenet-thunder', 'blazepose-heavy'];
    expect(MODEL_CHOICES.map((c) => c.id)).toEqual(byCost);
    expect(MODEL_CHOICES[0]?.label).toBe('Fast (MoveNet Lightning) \u2014 for slower computers');
    expect(modelsByCost()).toEqual(byCost);
    expect(lighterModel('blazepose-full')).toBe('blazepose-lite');
    expect(lighterModel('movenet-lightning')).toBeNull();
    expect(lighterModel('blazepose-full-mp')).toBeNull();
    expect(MODEL_IDS.filter((m) => crossCheckByDefault(m))).toEqual(['blazepose-lite', 'blazepose-full', 'blazepose-heavy']);
  });
  it('tells the CLI which models run in Node and what to use instead', () => {
    expect(nodeModels()).toEqual(['movenet-lightning', 'movenet-thunder', 'blazepose-lite', 'blazepose-full', 'blazepose-heavy']);
    expect(needsBrowser('blazepose-full-mp')).toBe(true);
    expect(needsBrowser('blazepose-full')).toBe(false);
    expect(tfjsTwin('blazepose-heavy-mp')).toBe('blazepose-heavy');
  });
  it('gives setup-models the files it installed before', () => {
    expect(modelFiles()).toEqual({
      tfjsGraphs: ['movenet-lightning', 'movenet-thunder', 'blazepose-detector', 'blazepose-lite', 'blazepose-full', 'blazepose-heavy'],
      mediapipeFiles: ['pose_landmark_lite.tflite', 'pose_landmark_full.tflite', 'pose_landmark_heavy.tflite'],
    });
  });
  it('dispatches every row to a loader by runtime and family', () => {
    expect(() => loader({ ...NEW_ROW, family: 'yolo' } as unknown as ModelRow)).toThrow(expect.objectContaining({ kind: 'unsupported-runtime' }));
    for (const row of MODEL_TABLE) expect(() => loader(row)).not.toThrow();
    const tfjsBlazePose = loader(modelRow('blazepose-full'));
    expect(loader(modelRow('blazepose-heavy'))).toBe(tfjsBlazePose);
    expect(loader(modelRow('movenet-thunder'))).not.toBe(tfjsBlazePose);
    expect(loader(modelRow('blazepose-full-mp'))).not.toBe(tfjsBlazePose);
  });
});

describe('a new model is one row', () => {
  it('appears in the picker, the slow-machine order, the cross-check default, the CLI and the setup files', () => {
    expect(pickerChoices(TABLE).map((c) => c.id)).toEqual([
      'movenet-lightning',
      'blazepose-lite-v2',
      'blazepose-lite',
      'blazepose-full',
      'movenet-thunder',
      'blazepose-heavy',
    ]);
    expect(pickerChoices(TABLE)[1]?.label).toBe(NEW_ROW.label);
    expect(lighterModel('blazepose-lite', TABLE)).toBe('blazepose-lite-v2');
    expect(lighterModel('blazepose-lite-v2', TABLE)).toBe('movenet-lightning');
    expect(crossCheckByDefault('blazepose-lite-v2', TABLE)).toBe(true);
    expect(nodeModels(TABLE)).toContain('blazepose-lite-v2');
    expect(modelFiles(TABLE).tfjsGraphs).toEqual([...modelFiles().tfjsGraphs, 'blazepose-lite-v2']);
    expect(modelFiles(TABLE).mediapipeFiles).toEqual(modelFiles().mediapipeFiles);
  });

  it("is dispatched to its family's loader and loads its own files through the real factory", { timeout: 120_000 }, async () => {
    expect(loader(NEW_ROW)).toBe(loader(modelRow('blazepose-lite')));
    // The new landmark graph is served from blazepose-lite's files: the point is which names are asked for.
    const files = fileLocator();
    const asked: string[] = [];
    const locate: ModelLocator = {
      ...files,
      tfjs: (name) => {
        asked.push(name);
        return files.tfjs((name as string) === 'blazepose-lite-v2' ? 'blazepose-lite' : name);
      },
    };
    // `as never`: EstimatorConfig.model is typed by the real table, which has no such id.
    const est = await createEstimator({ model: NEW_ROW.id as never, backend: 'wasm' }, { locate, table: TABLE });
    try {
      expect(est.model).toBe('blazepose-lite-v2');
      expect(est.crossCheck).toBeDefined(); // its row says cross-checked: MoveNet Lightning came along
      expect([...asked].sort()).toEqual(['blazepose-detector', 'blazepose-lite-v2', 'movenet-lightning']);
    } finally {
      est.dispose();
    }
  });

  it('is unknown to the factory when it is not in the table', async () => {
    const err = await createEstimator({ model: NEW_ROW.id as never, backend: 'wasm' }, { locate: fileLocator() }).catch((e: unknown) => e);
    expect(isEstimatorError(err) && err.kind).toBe('unsupported-runtime');
  });
});
