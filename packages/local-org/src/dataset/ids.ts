import { KEY_PREFIX, makeId } from '../ids.js';

export type DatasetObject = keyof typeof KEY_PREFIX;

/** Hands out 18-character ids per object, sequence starting at 1 (the store continues after the highest). */
export class IdSequences {
  private readonly counters = new Map<DatasetObject, number>();

  next(object: DatasetObject): string {
    const sequence = (this.counters.get(object) ?? 0) + 1;
    this.counters.set(object, sequence);
    return makeId(KEY_PREFIX[object], sequence);
  }
}
