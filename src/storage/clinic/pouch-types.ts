/**
 * The part of PouchDB's API the clinic store uses, typed here. (@types/pouchdb-core declares
 * global `Buffer` and `Blob` interfaces that break the rest of the project's types, so it is not
 * used.) Both pouchdb-browser and pouchdb-core (with the memory adapter, in Node) fit it.
 */
export interface PouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  [field: string]: unknown;
}

export interface ReplicateOptions {
  live?: boolean;
  retry?: boolean;
  /** The wait before the next retry, from the last one (0 at first). */
  back_off_function?: (delay: number) => number;
  /** Runs on this side for every document; false = not replicated. */
  filter?: (doc: PouchDoc) => boolean;
  batch_size?: number;
}

export interface ReplicationInfo {
  docs_read?: number;
  docs_written?: number;
}

export interface Replication {
  on(event: 'change', cb: (info: ReplicationInfo) => void): this;
  on(event: 'active' | 'paused' | 'denied' | 'error' | 'complete', cb: (arg?: unknown) => void): this;
  cancel(): void;
  /** The replication is also a promise: it rejects with what its 'error' event already reported. */
  catch?(onRejected: (e: unknown) => void): Promise<unknown>;
}

export interface PouchDatabase {
  /** `revs`: with `_revisions` ({ start, ids }, newest first); `rev`: that revision (if its body is still kept). */
  get(id: string, options?: { rev?: string; revs?: boolean; conflicts?: boolean }): Promise<PouchDoc>;
  put(doc: PouchDoc): Promise<{ ok: boolean; id: string; rev: string }>;
  /** `startkey`/`endkey`: ids in that range only (summaries: `sum-…`). */
  allDocs(options: { include_docs: true; startkey?: string; endkey?: string }): Promise<{ total_rows: number; rows: { id: string; doc?: PouchDoc }[] }>;
  info(): Promise<{ doc_count: number; update_seq: number | string }>;
  replicate: {
    to(target: PouchDatabase, options?: ReplicateOptions): Replication;
    from(source: PouchDatabase, options?: ReplicateOptions): Replication;
  };
  close(): Promise<void>;
  destroy(): Promise<void>;
}

export interface PouchStatic {
  new (name: string, options?: Record<string, unknown>): PouchDatabase;
  plugin(plugin: unknown): PouchStatic;
  defaults(options: Record<string, unknown>): PouchStatic;
}
