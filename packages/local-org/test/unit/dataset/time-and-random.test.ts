import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/dataset/random.js';
import { duringBusinessHours, toDate, toDateTime } from '../../../src/dataset/time.js';

// 1990-01-01 .. 2100-01-01, in milliseconds.
const instants = fc.integer({ min: 631_152_000_000, max: 4_102_444_800_000 });

describe('wire time formatting', () => {
  it('when formatting any instant, then it equals the ISO form with +0000 (cached or not)', () => {
    fc.assert(
      fc.property(instants, fc.boolean(), (ms, whole) => {
        const at = whole ? Math.floor(ms / 1000) * 1000 : ms;
        expect(toDateTime(at)).toBe(new Date(at).toISOString().replace('Z', '+0000'));
        expect(toDate(at)).toBe(new Date(at).toISOString().slice(0, 10));
      }),
    );
  });

  it('when moving instants into business hours, then order is kept and the result is 13:00–22:00 UTC of the same day', () => {
    fc.assert(
      fc.property(instants, instants, (a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(duringBusinessHours(early)).toBeLessThanOrEqual(duringBusinessHours(late));
        const hour = new Date(duringBusinessHours(a)).getUTCHours();
        expect(hour).toBeGreaterThanOrEqual(13);
        expect(hour).toBeLessThan(22);
        expect(toDate(duringBusinessHours(a))).toBe(toDate(a));
      }),
    );
  });
});

describe('createRandom', () => {
  it('when seeded alike, then the sequences are equal; when seeded differently, then they differ', () => {
    const draw = (seed: number): number[] => {
      const rng = createRandom(seed);
      return Array.from({ length: 20 }, () => rng.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(2)).not.toEqual(draw(1));
  });

  it('when drawing integers, then they stay within the inclusive bounds and reach both ends', () => {
    const rng = createRandom(5);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(3, 8)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('when drawing log-normal values, then about half fall below the median', () => {
    const rng = createRandom(9);
    const below = Array.from({ length: 20_000 }, () => rng.logNormal(10, 0.6)).filter((x) => x < 10).length;
    expect(below / 20_000).toBeGreaterThan(0.48);
    expect(below / 20_000).toBeLessThan(0.52);
  });

  it('when picking by weight, then shares follow the weights', () => {
    const rng = createRandom(11);
    const picks = Array.from({ length: 20_000 }, () => rng.weighted([['a', 3], ['b', 1]] as const));
    expect(picks.filter((p) => p === 'a').length / 20_000).toBeCloseTo(0.75, 1);
  });
});
