/**
 * The `lockRow` fault: a record store whose writes fail UNABLE_TO_LOCK_ROW for the drawn fraction,
 * before anything is saved. Every write path (REST, collections, composite, Bulk ingest) goes
 * through the org's store, so each sees the fault. The local org never has two writes in flight
 * at once (its store is synchronous), so real lock contention cannot arise: it exists only as this fault.
 */
import { saveError, saveFailure } from '../store/save-errors.js';
import type { RecordStore, SaveResult } from '../store/types.js';

const LOCKED = saveError('UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record or 1 records');

function locked(id: string | null): SaveResult {
  return saveFailure(id, [LOCKED]);
}

/** `store`, with its writes refused while `rowLocked()` draws true. */
export function withLockFaults(store: RecordStore, rowLocked: () => boolean): RecordStore {
  const writes: Partial<RecordStore> = {
    create: (objectName, fields, userId) => (rowLocked() ? locked(null) : store.create(objectName, fields, userId)),
    update: (objectName, id, fields, userId) => (rowLocked() ? locked(id) : store.update(objectName, id, fields, userId)),
    upsert: (objectName, field, value, fields, userId) => (rowLocked() ? locked(null) : store.upsert(objectName, field, value, fields, userId)),
    delete: (id, userId) => (rowLocked() ? locked(id) : store.delete(id, userId)),
  };
  return new Proxy(store, {
    get(target, property) {
      if (Object.hasOwn(writes, property)) return writes[property as keyof RecordStore];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
