/**
 * Every record of the org by its 18-character id. The org's own ids are a key prefix and a
 * base-62 sequence (see makeId): those live in one dense array per prefix, indexed by sequence;
 * any other id (a real org's, loaded from a file) in a map. A Map of millions of string keys costs
 * about 40 bytes an entry and rehashes as it grows; the arrays cost 8, and a look-up is an index.
 */
import { sequenceOf } from '../ids.js';
import type { SRecord } from '../model.js';

/** Sequences kept in the arrays: small integers, and at most this far past an array's end (so it stays dense). */
const MAX_DENSE_SEQUENCE = 2 ** 30;
const MAX_GAP = 1000;

/** The prefix as one small number (three characters of 7 bits). */
function prefixKey(id: string): number {
  return (id.charCodeAt(0) << 14) | (id.charCodeAt(1) << 7) | id.charCodeAt(2);
}

/** The id's sequence when it is one of the arrays' (a small one), else -1. */
function sequence(id: string): number {
  if (id.length !== 18) return -1;
  const seq = sequenceOf(id);
  return seq < MAX_DENSE_SEQUENCE ? seq : -1;
}

export class IdIndex {
  private readonly dense = new Map<number, (SRecord | undefined)[]>();
  private readonly sparse = new Map<string, SRecord>();

  get(id: string): SRecord | undefined {
    const seq = sequence(id);
    if (seq >= 0) {
      const found = this.dense.get(prefixKey(id))?.[seq];
      if (found !== undefined && found.Id === id) return found;
    }
    return this.sparse.size === 0 ? undefined : this.sparse.get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Adds `rec` under `id`; false, and nothing changed, when the id is taken. */
  add(id: string, rec: SRecord): boolean {
    if (this.get(id) !== undefined) return false;
    this.put(id, rec);
    return true;
  }

  /** Puts `rec` under `id`, replacing whatever was there. */
  set(id: string, rec: SRecord): void {
    this.delete(id);
    this.put(id, rec);
  }

  delete(id: string): void {
    const seq = sequence(id);
    const slots = seq >= 0 ? this.dense.get(prefixKey(id)) : undefined;
    if (slots && slots[seq]?.Id === id) slots[seq] = undefined;
    else this.sparse.delete(id);
  }

  private put(id: string, rec: SRecord): void {
    const seq = sequence(id);
    if (seq >= 0) {
      const key = prefixKey(id);
      let slots = this.dense.get(key);
      if (!slots) this.dense.set(key, (slots = []));
      if (seq < slots.length + MAX_GAP) {
        // Fill the gap explicitly: a holey array past V8's gap limit turns into a slow dictionary.
        while (slots.length < seq) slots.push(undefined);
        slots[seq] = rec;
        return;
      }
    }
    this.sparse.set(id, rec);
  }
}
