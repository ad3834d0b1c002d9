// express-pouchdb ships no types: the little of it scripts/clinic-server.ts uses.
declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface ExpressPouchDBApp {
    (req: IncomingMessage, res: ServerResponse): void;
    couchConfig: { set(section: string, key: string, value: string, cb: (err: unknown) => void): void };
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
