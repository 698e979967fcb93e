/**
 * Demo dataset generation speed: the default org (2,000 opportunities) and the largest supported
 * one (100,000). Run with `npx vitest bench --run bench/dataset.bench.ts`.
 *
 * Memory is not measured here (tinybench keeps several results alive); measured separately with
 * `node --expose-gc --import tsx` on generateDemoDataset({ opportunities: 100_000 }) as heap growth
 * after gc and peak RSS: see docs/local-org-dataset.md.
 */
import { bench, describe } from 'vitest';
import { generateDemoDataset } from '../src/dataset/index.js';

const asOf = new Date('2026-03-31T12:00:00.000Z');

describe('generateDemoDataset', () => {
  bench('2,000 opportunities (the default demo org)', () => {
    generateDemoDataset({ opportunities: 2000, seed: 1, asOf });
  }, { iterations: 5, time: 0 });

  bench('100,000 opportunities with their related rows', () => {
    generateDemoDataset({ opportunities: 100_000, seed: 1, asOf });
  }, { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 });
});
