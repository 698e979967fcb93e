// Scoring throughput with typical related rows. Target: ≥ 100,000 opportunities per second on one
// core. Each task scores a pool of 1,000 varied deals, so opportunities/s = hz × 1,000.
// Run: npx vitest bench --run bench/scoring.bench.ts
import { afterAll, bench, describe } from 'vitest';
import { defaultPlaybook } from '../src/config/playbook-file.js';
import { assessOpportunity } from '../src/scoring/assess.js';
import { computeBenchmarks } from '../src/scoring/benchmarks.js';
import { closedDeal, NOW, typicalDeal } from '../test/unit/scoring/typical-deals.js';

const playbook = defaultPlaybook();
const closed = Array.from({ length: 5_000 }, (_, i) => closedDeal(i));
const benchmarks = computeBenchmarks(closed, playbook, NOW);
const pool = Array.from({ length: 1_000 }, (_, i) => typicalDeal(i));

// hz is wall-clock time, which other processes on a busy machine eat into; process CPU time
// measures what scoring itself costs, so it is reported next to it.
let cpuMicros = 0;
let scoredCount = 0;

describe('scoring throughput', () => {
  // Summed so the work cannot be optimised away.
  let _sink = 0;
  bench('assessOpportunity × 1,000 typical deals (opportunities/s = hz × 1,000)', () => {
    const start = process.cpuUsage();
    for (const deal of pool) {
      const a = assessOpportunity(deal, playbook, benchmarks, NOW);
      if (a.status === 'scored') _sink += a.score;
    }
    const used = process.cpuUsage(start);
    cpuMicros += used.user + used.system;
    scoredCount += pool.length;
  });
  bench('computeBenchmarks over 5,000 closed deals', () => {
    _sink += computeBenchmarks(closed, playbook, NOW).cycle.wonDeals;
  });
});

afterAll(() => {
  const perCpuSecond = Math.round(scoredCount / (cpuMicros / 1e6));
  console.log(`assessOpportunity: ${scoredCount} opportunities in ${(cpuMicros / 1e3).toFixed(0)} ms of process CPU time = ${perCpuSecond} opportunities per CPU-second`);
});
