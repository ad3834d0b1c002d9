// Types for the PouchDB packages that ship none (@types/pouchdb-core covers the database API).
/// <reference types="pouchdb-core" />
/// <reference types="pouchdb-replication" />
declare module 'pouchdb-browser' {
  const PouchDB: PouchDB.Static;
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: PouchDB.Plugin;
  export default plugin;
}
