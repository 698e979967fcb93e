/**
 * The scale target of the local org (issue 10): a demo org of 100,000 opportunities (with closed
 * history and related rows) starts in under a minute on one core and stays under 2.5 GB resident;
 * a 2,000-row page of open deals with child subqueries answers well under a second; and a Bulk API
 * 2.0 query job over every opportunity completes and pages its CSV. Run on one core with
 * `taskset -c 0 npx vitest bench --run --project local-org bench/scale.bench.ts`; start time, CPU
 * time, resident set and peak resident set are printed (tinybench measures time only). Results
 * with the machine and its load: docs/local-org.md, Scale.
 */
import { fileURLToPath } from 'node:url';
import jsforce, { type Connection } from 'jsforce';
import { afterAll, bench, describe } from 'vitest';
import { startLocalOrg, type LocalOrg } from '../src/server.js';

const OPPORTUNITIES = 100_000;
const asOf = new Date('2026-03-31T12:00:00.000Z');
/** dealrisk's own metadata (its risk fields and Task key), as its demo and sync run the org. */
const DEALRISK_SOURCE = fileURLToPath(new URL('../../../config/salesforce', import.meta.url));

type Page = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: { Id: string }[] };

let shared: Promise<{ org: LocalOrg; conn: Connection }> | undefined;

/** One 100,000-opportunity org for the query benches, logged in through jsforce. */
function sharedOrg(): Promise<{ org: LocalOrg; conn: Connection }> {
  shared ??= (async () => {
    const org = await startLocalOrg({ opportunities: OPPORTUNITIES, seed: 1, asOf, apiLimit: 10_000_000, sourceDirs: [DEALRISK_SOURCE] });
    const conn = new jsforce.Connection({ loginUrl: org.loginUrl, oauth2: { clientId: org.credentials.clientId, clientSecret: org.credentials.clientSecret, loginUrl: org.loginUrl }, version: '62.0' });
    await conn.login(org.credentials.username, org.credentials.password);
    return { org, conn };
  })();
  return shared;
}

afterAll(async () => {
  if (shared) await (await shared).org.stop();
});

/**
 * The open-deal read of dealrisk's sync (src/salesforce/soql.ts, opportunitiesQuery, with the
 * bundled mapping and playbook), sent through queryAll. Its two long text areas (Deal_Risk_Reasons__c,
 * Missing_Verifiers__c) cap its pages at 200 rows.
 */
const DEALRISK_FIELDS =
  'Id, Name, StageName, CloseDate, CreatedDate, LastStageChangeDate, IsClosed, IsWon, Amount, NextStep, OwnerId, Success_Criteria_Agreed__c, Business_Case_Confirmed_Date__c, Proposal_Reviewed_Date__c, Procurement_Status__c, Deal_Risk_Score__c, Deal_Risk_Level__c, Deal_Risk_Reasons__c, Deal_Risk_Codes__c, Stage_Entered_Date__c, Stage_Benchmark_Days__c, Mobilizer_Count__c, Missing_Verifiers__c, Deal_Risk_Updated_At__c';
const dealriskRead = (where: string) =>
  `SELECT ${DEALRISK_FIELDS}, (SELECT ContactId, Role, IsPrimary, Contact.Name, Contact.Stakeholder_Profile__c FROM OpportunityContactRoles WHERE IsDeleted = false), (SELECT StageName, CreatedDate, CloseDate, Amount, Probability, PrevCloseDate, PrevAmount FROM OpportunityHistories WHERE IsDeleted = false ORDER BY CreatedDate, Id), (SELECT Field, OldValue, NewValue, CreatedDate FROM Histories WHERE Field IN ('CloseDate', 'NextStep') AND IsDeleted = false ORDER BY CreatedDate), (SELECT Id, Type, Subject, WhoId, ActivityDate, CreatedDate, Status, IsClosed, Deal_Risk_Key__c, (SELECT RelationId FROM TaskWhoRelations) FROM Tasks WHERE IsDeleted = false), (SELECT Id, Type, Subject, WhoId, ActivityDate, StartDateTime, CreatedDate, (SELECT RelationId FROM EventWhoRelations) FROM Events WHERE IsDeleted = false) FROM Opportunity WHERE IsDeleted = false AND (${where}) ORDER BY Id`;
const DEALRISK_OPEN_DEALS = dealriskRead('IsClosed = false');
/** The plan of a full sync (src/salesforce/plan-soql.ts): ids only, 2,000 a page. */
const PLAN_OPEN_DEALS = 'SELECT Id FROM Opportunity WHERE IsClosed = false ORDER BY Id';
/** Open deals with two child subqueries and no long text area: pages of up to 2,000 rows. */
const OPEN_DEALS_PAGE = `SELECT Id, Name, StageName, Amount, CloseDate, LastStageChangeDate, Account.Name, Owner.Email,
  (SELECT Role, IsPrimary, ContactId FROM OpportunityContactRoles),
  (SELECT StageName, CreatedDate FROM OpportunityHistories ORDER BY CreatedDate)
  FROM Opportunity WHERE IsClosed = false`;

const get = async (url: string) => (await sharedOrg()).conn.request<Page>(url);
const firstPage = (resource: 'query' | 'queryAll', soql: string) => get(`/services/data/v62.0/${resource}?q=${encodeURIComponent(soql)}`);

/** Reads the pages after a first one, one a call, opening the query again when it runs out. */
function laterPages(open: () => Promise<Page>): () => Promise<void> {
  let next: string | undefined;
  return async () => {
    next ??= (await open()).nextRecordsUrl;
    const page = await get(next!);
    next = page.nextRecordsUrl;
  };
}

const MB = 1024 * 1024;

describe(`local org with ${OPPORTUNITIES.toLocaleString('en')} demo opportunities`, () => {
  bench(
    'start (generate, load, listen)',
    async () => {
      const started = Date.now();
      const cpu = process.cpuUsage();
      const { org } = await sharedOrg();
      const used = process.cpuUsage(cpu);
      const rss = Math.round(process.memoryUsage().rss / MB);
      // maxRSS is in kilobytes: the peak over the process's life, the load included.
      const peak = Math.round(process.resourceUsage().maxRSS / 1024);
      console.log(
        `local org: ${[...org.store.rows('Opportunity')].length} opportunities started in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
          `(CPU ${((used.user + used.system) / 1e6).toFixed(1)} s), RSS ${rss} MB after start, peak RSS ${peak} MB`,
      );
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );

  bench('first 2,000-row page of open deals with contact roles and history (REST query)', async () => {
    await firstPage('query', OPEN_DEALS_PAGE);
  }, { iterations: 5, warmupIterations: 1 });

  bench('later 2,000-row page of the same query', laterPages(() => firstPage('query', OPEN_DEALS_PAGE)), { iterations: 10, warmupIterations: 1 });

  bench("first page of dealrisk's open-deal read (queryAll, five child subqueries, 200-row pages)", async () => {
    await firstPage('queryAll', DEALRISK_OPEN_DEALS);
  }, { iterations: 5, warmupIterations: 1 });

  bench("later page of dealrisk's open-deal read", laterPages(() => firstPage('queryAll', DEALRISK_OPEN_DEALS)), { iterations: 10, warmupIterations: 1 });

  bench("a sync batch's read: 200 open deals by Id (queryAll, every page)", async () => {
    const ids = (await firstPage('query', PLAN_OPEN_DEALS)).records.slice(0, 200).map((r) => `'${r.Id}'`);
    let page = await firstPage('queryAll', dealriskRead(`Id IN (${ids.join(', ')})`));
    while (page.nextRecordsUrl) page = await get(page.nextRecordsUrl);
  }, { iterations: 3, warmupIterations: 1 });

  bench("first page of a full sync's plan (ids of every open deal, ORDER BY Id)", async () => {
    await firstPage('query', PLAN_OPEN_DEALS);
  }, { iterations: 5, warmupIterations: 1 });

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
