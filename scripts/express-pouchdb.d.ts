// express-pouchdb ships no types: the little of it scripts/clinic-server.ts uses.
declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface ExpressPouchDBApp {
    (req: IncomingMessage, res: ServerResponse): void;
    couchConfig: { set(section: string, key: string, value: string, cb: (err: unknown) => void): void };
    /** express's `use`; the clinic server adds a last error handler (four arguments). */
    use(handler: (err: unknown, req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void): void;
    set(setting: string, value: unknown): void;
  }
  interface Options {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    inMemoryConfig?: boolean;
    logPath?: string;
    configPath?: string;
    overrideMode?: { include?: string[]; exclude?: string[] };
  }
  function expressPouchDB(PouchDB: unknown, opts?: Options): ExpressPouchDBApp;
  export default expressPouchDB;
}
