// Scoring throughput with typical related rows. Target: ≥ 100,000 opportunities per second on one
// core. Each iteration scores the next slice of 100 varied deals (from a pool of 1,000), so
// opportunities/s = hz × 100.
// Run: npx vitest bench --run --project unit bench/scoring.bench.ts
//
// On a shared machine, hz (the mean) counts the time other processes hold the core. The summary
// printed at the end also gives the median and the fastest tenth of the iterations, which are
// close to what one uncontended core does.
import { afterAll, bench, describe } from 'vitest';
import { defaultPlaybook } from '../src/config/playbook-file.js';
import { assessOpportunity } from '../src/scoring/assess.js';
import { computeBenchmarks } from '../src/scoring/benchmarks.js';
import { closedDeal, NOW, typicalDeal } from '../test/unit/scoring/typical-deals.js';

const playbook = defaultPlaybook();
const closed = Array.from({ length: 5_000 }, (_, i) => closedDeal(i));
const benchmarks = computeBenchmarks(closed, playbook, NOW);
const pool = Array.from({ length: 1_000 }, (_, i) => typicalDeal(i));
const SLICE = 100;

/** Milliseconds per measured iteration (warm-up iterations excluded). */
const samples: number[] = [];
let measuring = false;
let next = 0;

describe('scoring throughput', () => {
  // Summed so the work cannot be optimised away.
  let _sink = 0;
  bench(
    'assessOpportunity × 100 typical deals (opportunities/s = hz × 100)',
    () => {
      const start = performance.now();
      const from = next;
      next = (next + SLICE) % pool.length;
      for (let i = from; i < from + SLICE; i++) {
        const a = assessOpportunity(pool[i]!, playbook, benchmarks, NOW);
        if (a.status === 'scored') _sink += a.score;
      }
      if (measuring) samples.push(performance.now() - start);
    },
    {
      // Let the JIT settle first; then sample for a few seconds.
      time: 5_000,
      warmupTime: 1_000,
      warmupIterations: 200,
      setup: (_task, mode) => {
        measuring = mode === 'run';
      },
    },
  );
  bench('computeBenchmarks over 5,000 closed deals', () => {
    _sink += computeBenchmarks(closed, playbook, NOW).cycle.wonDeals;
  });
});

afterAll(() => {
  if (samples.length === 0) return;
  const sorted = [...samples].sort((a, b) => a - b);
  const perSecond = (ms: number) => Math.round((SLICE / ms) * 1_000).toLocaleString('en-US');
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const fastTenth = sorted.slice(0, Math.max(1, Math.floor(sorted.length / 10)));
  const fast = fastTenth.reduce((s, x) => s + x, 0) / fastTenth.length;
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  console.log(
    `assessOpportunity over ${samples.length} iterations of ${SLICE} deals: ` +
      `mean ${perSecond(mean)}/s, median ${perSecond(median)}/s, fastest tenth ${perSecond(fast)}/s (opportunities per second)`,
  );
});
