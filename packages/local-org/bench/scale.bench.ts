/**
 * The scale target of the local org (issue 10): a demo org of 100,000 opportunities (with closed
 * history and related rows) starts in under a minute and stays under 2.5 GB resident; a 2,000-row
 * page of open deals with child subqueries answers well under a second; and a Bulk API 2.0 query
 * job over every opportunity completes and pages its CSV. Run with
 * `npx vitest bench --run --project local-org bench/scale.bench.ts`; the resident set after start
 * is printed (tinybench measures time only). Results with the machine: docs/local-org.md.
 */
import jsforce, { type Connection } from 'jsforce';
import { afterAll, bench, describe } from 'vitest';
import { startLocalOrg, type LocalOrg } from '../src/server.js';

const OPPORTUNITIES = 100_000;
const asOf = new Date('2026-03-31T12:00:00.000Z');

let shared: Promise<{ org: LocalOrg; conn: Connection }> | undefined;

/** One 100,000-opportunity org for the query benches, logged in through jsforce. */
function sharedOrg(): Promise<{ org: LocalOrg; conn: Connection }> {
  shared ??= (async () => {
    const org = await startLocalOrg({ opportunities: OPPORTUNITIES, seed: 1, asOf, apiLimit: 10_000_000 });
    const conn = new jsforce.Connection({ loginUrl: org.loginUrl, oauth2: { clientId: org.credentials.clientId, clientSecret: org.credentials.clientSecret, loginUrl: org.loginUrl }, version: '62.0' });
    await conn.login(org.credentials.username, org.credentials.password);
    return { org, conn };
  })();
  return shared;
}

afterAll(async () => {
  if (shared) await (await shared).org.stop();
});

const OPEN_DEALS_PAGE = `SELECT Id, Name, StageName, Amount, CloseDate, LastStageChangeDate, Account.Name, Owner.Email,
  (SELECT Role, IsPrimary, ContactId FROM OpportunityContactRoles),
  (SELECT StageName, CreatedDate FROM OpportunityHistories ORDER BY CreatedDate)
  FROM Opportunity WHERE IsClosed = false`;

describe(`local org with ${OPPORTUNITIES.toLocaleString('en')} demo opportunities`, () => {
  bench(
    'start (generate, load, listen)',
    async () => {
      const started = Date.now();
      const { org } = await sharedOrg();
      const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
      console.log(`local org: ${[...org.store.rows('Opportunity')].length} opportunities started in ${((Date.now() - started) / 1000).toFixed(1)} s, RSS ${rssMb} MB`);
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );

  bench(
    'first 2,000-row page of open deals with contact roles and history (REST query)',
    async () => {
      const { conn } = await sharedOrg();
      await conn.request({ method: 'GET', url: `/services/data/v62.0/query?q=${encodeURIComponent(OPEN_DEALS_PAGE)}` });
    },
    { iterations: 5, warmupIterations: 1 },
  );

  bench(
    'Bulk API 2.0 query job over every opportunity, results paged by 50,000',
    async () => {
      const { conn } = await sharedOrg();
      const base = '/services/data/v62.0/jobs/query';
      const job = await conn.request<{ id: string }>({ method: 'POST', url: base, body: JSON.stringify({ operation: 'query', query: 'SELECT Id, Name, StageName, Amount, Account.Name FROM Opportunity' }), headers: { 'content-type': 'application/json' } });
      for (;;) {
        const info = await conn.request<{ state: string }>(`${base}/${job.id}`);
        if (info.state === 'JobComplete') break;
        if (info.state === 'Failed' || info.state === 'Aborted') throw new Error(`job ${info.state}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await conn.request({ method: 'GET', url: `${base}/${job.id}/results?maxRecords=50000` }, { responseType: 'text/plain' });
    },
    { iterations: 2, warmupIterations: 0 },
  );
});
