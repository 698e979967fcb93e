// Scoring throughput with typical related rows. Target: ≥ 100,000 opportunities per second on one
// core. Deals are scored as the pipeline scores them (scoreBatch): each right after the adapter's
// toOpportunityInput has mapped it from a parsed REST response, so scoring finds the deal's rows
// where the mapper left them, as it does in a sync run. Each iteration maps and scores the next
// 100 of 1,000 varied deals; the summary printed at the end times assessOpportunity alone
// (the table's hz includes the mapping, so it is not opportunities/s).
// Run: npx vitest bench --run --project unit bench/scoring.bench.ts
//
// On a shared machine, the mean counts the time other processes hold the core. The summary also
// gives the median and the fastest tenth of the iterations, which are close to what one
// uncontended core does.
import { afterAll, bench, describe } from 'vitest';
import { defaultPlaybook } from '../src/config/playbook-file.js';
import { toOpportunityInput } from '../src/salesforce/map-records.js';
import { assessOpportunity } from '../src/scoring/assess.js';
import { computeBenchmarks } from '../src/scoring/benchmarks.js';
import { closedDeal, NOW, typicalDeal, WIRE_READ_OPTIONS, wireRecords } from '../test/unit/scoring/typical-deals.js';

const playbook = defaultPlaybook();
const closed = Array.from({ length: 5_000 }, (_, i) => closedDeal(i));
const benchmarks = computeBenchmarks(closed, playbook, NOW);
const records = wireRecords(Array.from({ length: 1_000 }, (_, i) => typicalDeal(i)));
const SLICE = 100;

/** Milliseconds of scoring per measured iteration (warm-up iterations excluded). */
const samples: number[] = [];
let measuring = false;
let next = 0;

describe('scoring throughput', () => {
  // Summed so the work cannot be optimised away.
  let _sink = 0;
  bench(
    'toOpportunityInput + assessOpportunity × 100 typical deals (scoring alone: see the summary)',
    () => {
      const from = next;
      next = (next + SLICE) % records.length;
      let scoringMs = 0;
      for (let i = from; i < from + SLICE; i++) {
        const deal = toOpportunityInput(records[i]!, WIRE_READ_OPTIONS);
        const start = performance.now();
        const a = assessOpportunity(deal, playbook, benchmarks, NOW);
        scoringMs += performance.now() - start;
        if (a.status === 'scored') _sink += a.score;
      }
      if (measuring) samples.push(scoringMs);
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
