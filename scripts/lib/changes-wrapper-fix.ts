/**
 * A fix to a library the dev clinic server runs on, applied before express-pouchdb loads it.
 *
 * pouchdb-security wraps `db.changes()` with pouchdb-changeslike-wrapper: the caller gets an event
 * emitter whose `then`/`catch` come from the security check. express-pouchdb's long-poll `_changes`
 * only listens for events. When the check refuses (a patient revoked while their long poll
 * waits: the second, live `changes()` call of the long poll checks `_security` again), the promise
 * rejects with no handler and no 'error' event: an unhandled rejection, which ends a Node process
 * (and fails a test run that has the server in it). Here every such result gets a handler that
 * turns the refusal into the 'error' event the route listens for (it ends the response); a
 * failure the changes feed already reported as an event is not reported twice.
 */
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';

type ChangesLike = EventEmitter & { catch(onRejected: (e: unknown) => void): Promise<unknown> };
type Wrapper = (origChanges: unknown, args: unknown) => ChangesLike;

const require = createRequire(import.meta.url);
const path = require.resolve('pouchdb-changeslike-wrapper');
const original = require(path) as (handler: unknown) => Wrapper;
const cached = require.cache[path];

/** The same wrapper, whose refusals reach the 'error' event instead of nowhere. */
export function reportingChangesWrapper(handler: unknown): Wrapper {
  const wrapped = original(handler);
  return (origChanges, args) => {
    const result = wrapped(origChanges, args);
    let reported = false;
    result.on('error', () => void (reported = true));
    void result.catch((e) => {
      if (!reported) result.emit('error', e);
    });
    return result;
  };
}

if (cached && cached.exports === original) cached.exports = reportingChangesWrapper;
