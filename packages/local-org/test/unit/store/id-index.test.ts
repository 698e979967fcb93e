import { describe, expect, it } from 'vitest';
import { makeId } from '../../../src/ids.js';
import type { SRecord } from '../../../src/model.js';
import { IdIndex } from '../../../src/store/id-index.js';

const row = (Id: string): SRecord => ({ Id, IsDeleted: false });

describe('the id index', () => {
  it("when the org's own ids and a real org's ids are added, then each is found by its exact id and a taken id is refused", () => {
    const index = new IdIndex();
    const local = [makeId('006', 1), makeId('006', 2), makeId('00T', 5_000), makeId('006', 62 ** 6)];
    const real = ['0065g00000AbCdEFGH', '0065g00000abcdeFGH'.slice(0, 15) + 'AAA'];
    for (const id of [...local, ...real]) expect(index.add(id, row(id))).toBe(true);
    for (const id of [...local, ...real]) expect(index.get(id)?.Id).toBe(id);
    expect(index.add(local[0]!, row(local[0]!))).toBe(false);
    // Same sequence, other prefix; same body in other case: different records.
    expect(index.get(makeId('001', 1))).toBeUndefined();
    expect(index.get(local[0]!.toLowerCase())).toBeUndefined();
    expect(index.get('garbage')).toBeUndefined();
  });

  it('when an id is deleted or replaced, then it is gone or the new record answers, the others stay', () => {
    const index = new IdIndex();
    const [a, b] = [makeId('003', 7), makeId('003', 8)];
    index.add(a, row(a));
    index.add(b, row(b));
    index.delete(a);
    expect(index.has(a)).toBe(false);
    expect(index.has(b)).toBe(true);
    const replacement = row(b);
    index.set(b, replacement);
    expect(index.get(b)).toBe(replacement);
    expect(index.add(a, row(a))).toBe(true);
  });
});
