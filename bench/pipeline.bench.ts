// End-to-end scoring run over the wire: the local org (5,000 demo opportunities, ~1,700 open)
// served over HTTP, jsforce client-credentials login, paged SOQL with five child subqueries,
// scoring, and collection updates of 200. Reports open deals per second (first run = warm-up),
// the Salesforce API calls each run takes (query pages count child rows, as on Salesforce) and
// the process's resident memory at the end.
// Run: npx vitest bench --run --project unit bench/pipeline.bench.ts
import { pino } from 'pino';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { loadPlaybookFile } from '../src/config/playbook-file.js';
import { defaultMapping } from '../src/mapping/mapping-file.js';
import { startLocalOrg, type LocalOrg } from '@dealrisk/local-org';
import { bundledSalesforceSourceDir } from '../src/config/bundled.js';
import { connectSalesforce } from '../src/salesforce/connect.js';
import { DealRepository } from '../src/salesforce/deal-repository.js';
import { scoreOpenDeals } from '../src/sync/score-open-deals.js';

const OPPORTUNITIES = 5_000;
const playbook = loadPlaybookFile('config/playbook.yaml');
const quiet = pino({ level: 'silent' });
let org: LocalOrg;
let deals: DealRepository;
const runs: { ms: number; scored: number; calls: number }[] = [];

beforeAll(async () => {
  org = await startLocalOrg({ dataset: 'demo', opportunities: OPPORTUNITIES, seed: 1, asOf: new Date('2026-11-27T09:00:00Z'), sourceDirs: [bundledSalesforceSourceDir()] });
  const conn = await connectSalesforce({
    // Client credentials is served on the org's My Domain only.
    loginUrl: org.myDomainUrl,
    jwtAudience: org.loginUrl,
    authFlow: 'client_credentials',
    clientId: org.credentials.clientId,
    clientSecret: org.credentials.clientSecret,
    apiVersion: '62.0',
  });
  deals = new DealRepository(conn);
}, 120_000);

describe('scoring run over the wire', () => {
  bench(
    `scoreOpenDeals on a ${OPPORTUNITIES.toLocaleString('en-US')}-opportunity local org`,
    async () => {
      const start = performance.now();
      const callsBefore = org.apiUsage().used;
      const summary = await scoreOpenDeals({ deals, playbook, mapping: defaultMapping(), now: org.store.clock.now(), logger: quiet });
      runs.push({ ms: performance.now() - start, scored: summary.scored, calls: org.apiUsage().used - callsBefore });
    },
    { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 },
  );
});

afterAll(async () => {
  await org?.stop();
  for (const run of runs) {
    console.log(
      `run: ${run.scored} open deals in ${(run.ms / 1000).toFixed(2)} s = ${Math.round((run.scored / run.ms) * 1000)} deals/s (client and org in one process), ${run.calls} API calls`,
    );
  }
  console.log(`resident memory at the end: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
});
