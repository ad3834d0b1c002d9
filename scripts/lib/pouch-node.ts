/**
 * PouchDB for Node (the clinic dev server, tests, benches): pouchdb-core with the memory, http
 * and replication plugins, applied once (PouchDB.plugin changes the shared constructor, and the
 * replication plugin cannot be applied twice).
 */
import PouchDB from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import memoryAdapter from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';

export const NodePouch = PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication);
