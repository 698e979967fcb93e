import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalOrg } from '@dealrisk/local-org';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledMappingPath } from '../../src/mapping/mapping-file.js';
import { runCli, startCli } from '../support/cli.js';
import { salesforceEnv, startTestOrg } from '../support/local-org.js';
import { restrictedDemoDataset, SourceVariant } from '../support/org-variants.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';

let org: LocalOrg | undefined;
const running: ChildProcessWithoutNullStreams[] = [];
const redis = new RedisFixture();
afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await org?.stop();
  org = undefined;
  await redis.cleanup();
});

/** Runs one sync with a worker process against `started`, as an admin would after `mapping check`. */
async function syncWithWorker(started: LocalOrg, extra: Record<string, string> = {}): Promise<string> {
  const prefix = uniqueQueueName('e2e-mapping');
  redis.syncQueues(prefix);
  const env = {
    REDIS_URL: redisUrl(),
    DEALRISK_QUEUE_PREFIX: prefix,
    ...salesforceEnv(started),
    LOG_LEVEL: 'warn',
    ...extra,
  };
  running.push(startCli(['worker'], env));
  const sync = await runCli(['sync', '--wait', '--timeout', '60'], env, undefined, 90_000);
  expect(sync.stderr).toBe('');
  expect(sync.code).toBe(0);
  return sync.stdout;
}

const open = (started: LocalOrg) => [...started.store.rows('Opportunity')].filter((o) => o.IsClosed === false && !o.IsDeleted);

const STAGES: Record<string, string> = {
  Prospecting: 'Lead In',
  Qualification: 'Discovery',
  'Needs Analysis': 'Scoping',
  'Value Proposition': 'Solution',
  'Id. Decision Makers': 'Buying Group',
  'Perception Analysis': 'Evaluation',
  'Proposal/Price Quote': 'Proposal',
  'Negotiation/Review': 'Contracting',
  'Closed Won': 'Won',
  'Closed Lost': 'Lost',
};

const RENAMED: Record<string, string> = {
  Deal_Risk_Score__c: 'Risk__c',
  Deal_Risk_Level__c: 'Risk_Band__c',
  Deal_Risk_Reasons__c: 'Risk_Why__c',
  Deal_Risk_Codes__c: 'Risk_Signals__c',
  Deal_Risk_Updated_At__c: 'Risk_Changed__c',
  Stage_Entered_Date__c: 'In_Stage_Since__c',
  Stage_Benchmark_Days__c: 'Won_Stage_Days__c',
  Mobilizer_Count__c: 'Champions__c',
  Missing_Verifiers__c: 'Customer_Gaps__c',
  Deal_Risk_Key__c: 'Followup_Key__c',
};

describe('a mapping that fits an org with other names', () => {
  it('when every output field and every stage has another name, then check, sync and the written fields use the org\'s names', async () => {
    const source = new SourceVariant();
    for (const [from, to] of Object.entries(RENAMED)) source.rename(from, to);
    org = await startTestOrg({ dataset: restrictedDemoDataset({ stages: STAGES }), sourceDirs: [source.dir] });
    let mapping = readFileSync(bundledMappingPath(), 'utf8');
    for (const [from, to] of Object.entries(RENAMED)) mapping = mapping.replace(`: ${from}`, `: ${to}`);
    for (const [from, to] of Object.entries(STAGES)) mapping = mapping.replace(`    ${from}: ${from}\n`, `    ${from}: ${to}\n`);
    const path = join(mkdtempSync(join(tmpdir(), 'mapping-')), 'mapping.yaml');
    writeFileSync(path, mapping);
    const env = { DEALRISK_MAPPING: path };

    const check = await runCli(
      ['mapping', 'check'],
      { ...env, ...salesforceEnv(org) },
      undefined,
      60_000,
    );
    expect(check.stdout).not.toMatch(/ FAIL /);
    expect(check.stdout).toMatch(/stage Scoping\s+inputs\.stages\s+OK/);
    expect(check.code).toBe(0);

    const report = await syncWithWorker(org, env);
    const scored = Number(/scored (\d+) open deals/.exec(report)?.[1]);
    const deals = open(org);
    expect(scored).toBe(deals.length);
    for (const deal of deals) {
      expect(deal.Risk__c).toEqual(expect.any(Number));
      expect(['High', 'Medium', 'Low']).toContain(deal.Risk_Band__c);
      expect(deal.Risk_Changed__c).toEqual(expect.any(String));
      expect(deal.Champions__c).toEqual(expect.any(Number));
      // Mapped stages are known to the playbook: no deal is scored as in an unknown stage.
      expect(deal.Risk_Signals__c ?? '').not.toContain('UNKNOWN_STAGE');
    }
    // The stage benchmarks came from the org's renamed stages, so time-in-stage signals fire.
    expect(deals.some((deal) => /LOSING_PATTERN|STAGE_STALLED/.test(String(deal.Risk_Signals__c)))).toBe(true);
    expect(deals.some((deal) => deal.Won_Stage_Days__c !== null && deal.In_Stage_Since__c !== null)).toBe(true);
    expect(org.store.schema.field('Opportunity', 'Deal_Risk_Score__c')).toBeUndefined();
  }, 180_000);

  it('when a sync has run, then the shipped At-risk deals list view returns exactly the High deals', async () => {
    org = await startTestOrg();
    await syncWithWorker(org);
    const high = open(org).filter((deal) => deal.Deal_Risk_Level__c === 'High');
    expect(high.length).toBeGreaterThan(0);
    const token = await fetch(`${org.myDomainUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: org.credentials.clientId, client_secret: org.credentials.clientSecret }).toString(),
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
    const get = async (path: string) => (await fetch(`${org!.instanceUrl}/services/data/v62.0${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
    const { listviews } = (await get('/sobjects/Opportunity/listviews')) as { listviews: { developerName: string; resultsUrl: string }[] };
    const atRisk = listviews.find((view) => view.developerName === 'At_risk_deals')!;
    const results = (await get(`${atRisk.resultsUrl.replace('/services/data/v62.0', '')}?limit=2000`)) as {
      size: number;
      records: { columns: { fieldNameOrPath: string; value: string | null }[] }[];
    };
    const value = (row: (typeof results.records)[number], path: string) => row.columns.find((c) => c.fieldNameOrPath === path)?.value;
    expect(results.size).toBe(high.length);
    expect(results.records.map((row) => value(row, 'Id')).sort()).toEqual(high.map((deal) => deal.Id).sort());
    for (const row of results.records) expect(Number(value(row, 'Deal_Risk_Score__c'))).toBeGreaterThanOrEqual(70);
  }, 120_000);
});
