// `dealrisk backtest` on the demo org (2,000 opportunities, seed 1, as `npm run demo` and
// `dealrisk org start` build it): one queryAll of the closed deals with every dated row, the
// replay at 53 weekly dates over 12 months, the metrics with 1,000 bootstrap rounds per AUC and
// the suggested points. Reports wall and CPU seconds per run (the issue asks for under a minute on
// 2 cores), API calls and resident memory.
// Run: npx vitest bench --run --project unit bench/backtest.bench.ts
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { startLocalOrg, type LocalOrg } from '@dealrisk/local-org';
import { bundledSalesforceSourceDir } from '../src/config/bundled.js';
import { openScoringSession, type ScoringSession } from '../src/sync/session.js';
import { runBacktest } from '../src/sync/run-backtest.js';
import { loadConfig } from '../src/config/load.js';

let org: LocalOrg;
let session: ScoringSession;
const runs: { ms: number; cpuMs: number; apiCalls: number; snapshots: number; deals: number }[] = [];

beforeAll(async () => {
  org = await startLocalOrg({ dataset: 'demo', opportunities: 2000, seed: 1, asOf: new Date('2026-11-27T09:00:00Z'), sourceDirs: [bundledSalesforceSourceDir()] });
  const config = loadConfig({ SF_LOGIN_URL: org.myDomainUrl, SF_AUTH_FLOW: 'client_credentials', SF_CLIENT_ID: org.credentials.clientId, SF_CLIENT_SECRET: org.credentials.clientSecret, LOG_LEVEL: 'warn' }, undefined);
  session = await openScoringSession(config);
}, 120_000);

describe('backtest over the wire', () => {
  bench(
    'runBacktest on the 2,000-opportunity demo org (12 months, every 7 days, horizons 30/60/90)',
    async () => {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const run = await runBacktest({ ...session, now: org.store.clock.now(), months: 12, everyDays: 7, horizons: [30, 60, 90] });
      const used = process.cpuUsage(cpu);
      runs.push({ ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, apiCalls: run.apiCalls, snapshots: run.report.deals.snapshots, deals: run.closedDealsRead });
    },
    { iterations: 3, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});

afterAll(async () => {
  await org?.stop();
  for (const run of runs) {
    console.log(`run: ${run.deals} closed deals read, ${run.snapshots} snapshots, ${run.apiCalls} API calls, ${(run.ms / 1000).toFixed(2)} s wall, ${(run.cpuMs / 1000).toFixed(2)} s CPU (client and org in one process)`);
  }
  console.log(`resident memory at the end: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
});
