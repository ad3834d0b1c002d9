// The PouchDB packages ship no types: each is what ./pouch-types.ts describes.
declare module 'pouchdb-browser' {
  const PouchDB: import('./pouch-types').PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-core' {
  const PouchDB: import('./pouch-types').PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
