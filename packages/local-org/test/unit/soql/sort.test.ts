import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortBy } from '../../../src/soql/evaluate.js';
import type { OrderSource, OrderTerm } from '../../../src/soql/plan.js';
import type { FieldDef } from '../../../src/model.js';

const field = { name: 'X', label: 'X', type: 'double', createable: true, updateable: true, nillable: true } as FieldDef;
const term = (path: 'A' | 'B', descending: boolean, nullsFirst: boolean): OrderTerm => ({
  source: { kind: 'field', ref: { hops: [], field, path } },
  descending,
  nullsFirst,
});

interface Item {
  a: number | null;
  b: number | null;
  position: number;
}

describe('sortBy', () => {
  it('when only the first rows are kept, then they equal the head of the full stable sort', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.integer({ min: 0, max: 5 })), fc.option(fc.integer({ min: 0, max: 3 }))), { maxLength: 300 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 30 }),
        (pairs, descA, nullsFirstA, descB, keep) => {
          const items: Item[] = pairs.map(([a, b], position) => ({ a, b, position }));
          const terms = [term('A', descA, nullsFirstA), term('B', descB, !descB)];
          const keyOf = (item: Item, source: OrderSource) => (source.kind === 'field' && source.ref.path === 'A' ? item.a : item.b);
          const full = sortBy(items, terms, keyOf);
          // Short inputs come back fully sorted; the caller's window cuts them.
          const head = sortBy(items, terms, keyOf, keep).slice(0, keep);
          expect(head.map((i) => i.position)).toEqual(full.slice(0, keep).map((i) => i.position));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when keys tie, then the original order is kept and nulls follow the NULLS setting', () => {
    const items: Item[] = [
      { a: 2, b: null, position: 0 },
      { a: null, b: null, position: 1 },
      { a: 1, b: null, position: 2 },
      { a: 2, b: null, position: 3 },
    ];
    const byA = (item: Item) => item.a;
    expect(sortBy(items, [term('A', false, true)], byA).map((i) => i.position)).toEqual([1, 2, 0, 3]);
    expect(sortBy(items, [term('A', true, false)], byA).map((i) => i.position)).toEqual([0, 3, 2, 1]);
  });
});
