import { createManualClock, type LocalOrg } from '@dealrisk/local-org';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { loggedIn, salesforceEnv, startTestOrg, TEST_API_VERSION } from '../support/local-org.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';

const redis = new RedisFixture();
let org: LocalOrg | undefined;
afterEach(async () => {
  await org?.stop();
  org = undefined;
  await redis.cleanup();
});

/** The org's daily allowance: a full run of this org costs about 100 calls, well under its 25% share (250); the test's runs and the other integration use about 800. */
const API_LIMIT = 1000;

/**
 * Another integration of the org: `n` API calls of its own (the limits resource), 100 at a time.
 * The org counts them in the same daily allowance dealrisk's guard watches.
 */
async function anotherIntegrationSpends(started: LocalOrg, n: number): Promise<void> {
  const { accessToken } = await loggedIn(started);
  const call = async () => {
    const response = await fetch(`${started.instanceUrl}/services/data/v${TEST_API_VERSION}/limits`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  };
  for (let done = 0; done < n; done += 100) await Promise.all(Array.from({ length: Math.min(100, n - done) }, call));
}

function openDeals(started: LocalOrg) {
  return [...started.store.rows('Opportunity')].filter((deal) => deal.IsClosed === false);
}

/** Every deal's risk fields and the Tasks dealrisk keeps: what a run that writes nothing leaves as it was. */
function writtenState(started: LocalOrg): string {
  const deals = [...started.store.rows('Opportunity')].map((deal) => [deal.Id, deal.Deal_Risk_Score__c, deal.Deal_Risk_Codes__c, deal.Deal_Risk_Updated_At__c]);
  const tasks = [...started.store.rows('Task')].filter((task) => typeof task.Deal_Risk_Key__c === 'string').map((task) => [task.Id, task.Status]);
  return JSON.stringify({ deals, tasks });
}

/** The number `pattern` captures in a printed report. */
function counted(stdout: string, pattern: RegExp): number {
  const match = pattern.exec(stdout);
  if (!match) throw new Error(`no ${String(pattern)} in: ${stdout}`);
  return Number(match[1]);
}

/** `dealrisk sync` as a person runs it, with one worker in the same process that takes one batch at a time. */
function sync(started: LocalOrg, prefix: string, ...args: string[]) {
  const env = { REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: prefix, ...salesforceEnv(started), LOG_LEVEL: 'error', WORKER_CONCURRENCY: '1' };
  return runCli(['sync', '--local-worker', ...args], env, undefined, 150_000);
}

describe('the API budget guard, through dealrisk sync on a local org allowed 1,000 API calls a day', () => {
  it('when another integration spends the allowance during a full run, then the run pauses with deals unwritten, the next run runs full and finishes every deal, and no run starts at 80% used', async () => {
    org = await startTestOrg({ opportunities: 2000, asOf: new Date(), apiLimit: API_LIMIT });
    const started = org;
    const prefix = uniqueQueueName('sync-budget');
    redis.syncQueues(prefix);
    expect(openDeals(started).length).toBeGreaterThan(600);
    const first = await sync(started, prefix, '--full');
    expect(first.code, first.stdout + first.stderr).toBe(0);

    // Scored 45 days on, most deals change. Every query page now takes 400 ms more (the other
    // integration's calls are not queries), so its calls land while the batches go on: once the
    // run's first deal is written, it spends 30% of the allowance, long before the next batch has
    // read its deals.
    const later = new Date(Math.floor(Date.now() / 1000) * 1000 + 45 * 86_400_000).toISOString();
    const writtenLater = () => openDeals(started).filter((deal) => Date.parse(String(deal.Deal_Risk_Updated_At__c)) === Date.parse(later)).length;
    started.setFaults({ slowQueryMs: 400 });
    let spent: Promise<void> | undefined;
    const watch = setInterval(() => {
      if (!spent && writtenLater() > 0) spent = anotherIntegrationSpends(started, 300);
    }, 20);
    const paused = await sync(started, prefix, '--full', '--as-of', later).finally(() => clearInterval(watch));
    await spent;
    expect(paused.code, paused.stdout + paused.stderr).toBe(1);
    expect(paused.stdout).toMatch(/\(full\): PAUSED: API BUDGET in/);
    expect(paused.stdout).toMatch(/watermark not moved \(\d{4}-/);
    expect(paused.stderr).toMatch(/paused: api budget: the run used \d+(\.\d)?% of the org's daily API allowance \(DEALRISK_API_BUDGET_RUN_PERCENT=25\) and stopped with \d+ deals unwritten/);
    const writtenByPaused = writtenLater();
    expect(writtenByPaused).toBeGreaterThan(0);
    expect(writtenByPaused).toBeLessThan(openDeals(started).length);

    // The next run, incremental as asked by default, runs full (the paused one left a full run
    // owed: nothing changed the deals it did not reach) and writes those deals.
    started.setFaults({});
    const resumed = await sync(started, prefix, '--as-of', later);
    expect(resumed.stderr).toBe('');
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(resumed.stdout).toMatch(/\(full\): SUCCEEDED/);
    expect(counted(resumed.stdout, /on (\d+) deals/)).toBeGreaterThan(0);
    expect(resumed.stdout).toMatch(/API budget: the org had used \d+(\.\d)?% of its daily allowance at the start \(runs start below 80%\); this run \d+(\.\d)?% \(\d+ calls counted by the org, stops at 25%\)/);
    expect(openDeals(started).every((deal) => deal.Deal_Risk_Score__c !== null && deal.Deal_Risk_Level__c !== null)).toBe(true);
    const keys = [...started.store.rows('Task')].map((task) => task.Deal_Risk_Key__c).filter((key) => typeof key === 'string');
    expect(new Set(keys).size).toBe(keys.length);

    // Nothing lost: a full run as of the same time finds every deal and Task as the scoring wants it.
    const check = await sync(started, prefix, '--full', '--as-of', later);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/wrote 0 fields on 0 deals \(0 closed deals cleared\)/);
    expect(check.stdout).toMatch(/Tasks: 0 opened, 0 completed/);

    // A rep logs a meeting, and other integrations take the org to 80% of its allowance: no run starts.
    const role = [...started.store.rows('OpportunityContactRole')].find((r) => started.store.retrieve('Opportunity', String(r.OpportunityId))?.IsClosed === false)!;
    const rep = [...started.store.rows('User')].find((u) => u.Id !== started.userId)!;
    started.store.create('Event', { WhatId: role.OpportunityId, WhoId: role.ContactId, Type: 'Meeting', Subject: 'Call', StartDateTime: new Date().toISOString(), EndDateTime: new Date().toISOString() }, String(rep.Id));
    await anotherIntegrationSpends(started, Math.max(0, 0.8 * API_LIMIT - started.apiUsage().used));
    const before = writtenState(started);
    const refused = await sync(started, prefix);
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stdout).toMatch(/: PAUSED: API BUDGET in/);
    expect(refused.stdout).toMatch(/planned 0 deals in 0 batches/);
    expect(refused.stderr).toMatch(/paused: api budget: the org had used \d+(\.\d)?% of its daily API allowance, at or above DEALRISK_API_BUDGET_START_PERCENT=80, so the run did not start and wrote nothing/);
    expect(writtenState(started)).toBe(before);

    const status = await runCli(['status', '--json'], { REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: prefix });
    const [last] = (JSON.parse(status.stdout) as { lastRuns: { outcome: string; apiBudget: Record<string, unknown>; orgDailyUsageAtStart: unknown }[] }).lastRuns;
    expect(last).toMatchObject({ outcome: 'paused: api budget', apiBudget: { pausedAt: 'start', startLimitPercent: 80, runLimitPercent: 25, dealsNotWritten: 0 } });
    expect(last!.apiBudget.orgShareAtStart).toBeGreaterThanOrEqual(80);
    expect(last!.orgDailyUsageAtStart).toMatchObject({ limit: API_LIMIT });
  }, 300_000);

  it("when the org's allowance runs out during a run (local org apiLimit fault), then the run pauses instead of failing and the next run finishes every deal", async () => {
    org = await startTestOrg({ opportunities: 1200, asOf: new Date() });
    const started = org;
    const prefix = uniqueQueueName('sync-allowance');
    redis.syncQueues(prefix);
    const first = await sync(started, prefix, '--full');
    expect(first.code, first.stdout + first.stderr).toBe(0);

    // Scored 45 days on, most deals change; once the run's first deal is written, the org allows
    // only a few more calls today (the other integrations took the rest).
    const later = new Date(Math.floor(Date.now() / 1000) * 1000 + 45 * 86_400_000).toISOString();
    const writtenLater = () => openDeals(started).filter((deal) => Date.parse(String(deal.Deal_Risk_Updated_At__c)) === Date.parse(later)).length;
    started.setFaults({ slowQueryMs: 400 });
    const watch = setInterval(() => {
      if (writtenLater() > 0 && started.faults().apiLimit === 0) started.setFaults({ slowQueryMs: 400, apiLimit: started.apiUsage().used + 2 });
    }, 20);
    const paused = await sync(started, prefix, '--full', '--as-of', later).finally(() => clearInterval(watch));
    expect(paused.code, paused.stdout + paused.stderr).toBe(1);
    expect(paused.stdout).toMatch(/\(full\): PAUSED: API BUDGET in/);
    expect(paused.stderr).toMatch(/paused: api budget: Salesforce refused the run's calls: the org's daily API allowance is spent \(REQUEST_LIMIT_EXCEEDED\); the run stopped with [1-9]\d* deals unwritten/);
    expect(writtenLater()).toBeLessThan(openDeals(started).length);

    started.setFaults({});
    const resumed = await sync(started, prefix, '--as-of', later);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/\(full\): SUCCEEDED/);
    const check = await sync(started, prefix, '--full', '--as-of', later);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/wrote 0 fields on 0 deals \(0 closed deals cleared\)/);
    expect(check.stdout).toMatch(/Tasks: 0 opened, 0 completed/);
  }, 300_000);

  it("when the org's allowance is already spent as a run starts, then the run pauses at its plan instead of failing, writes nothing, and the next run scores every deal", async () => {
    // The org's clock moves only when told, so the allowance frees when the test says a day has passed.
    const clock = createManualClock(new Date(Math.floor(Date.now() / 1000) * 1000));
    org = await startTestOrg({ opportunities: 200, asOf: clock.now(), clock, apiLimit: API_LIMIT });
    const started = org;
    const prefix = uniqueQueueName('sync-spent');
    redis.syncQueues(prefix);
    const before = writtenState(started);
    // Other integrations took today's allowance: the org refuses every further call, the limits resource included.
    await anotherIntegrationSpends(started, API_LIMIT - started.apiUsage().used);
    const refused = await sync(started, prefix, '--full');
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stdout).toMatch(/\(full\): PAUSED: API BUDGET in/);
    expect(refused.stdout).toMatch(new RegExp(`the org had used ${API_LIMIT} of ${API_LIMIT} today at the start`));
    expect(refused.stderr).toMatch(/paused: api budget: Salesforce refused the run's calls: the org's daily API allowance is spent \(REQUEST_LIMIT_EXCEEDED\); the run stopped with 0 deals unwritten/);
    expect(writtenState(started)).toBe(before);

    // A request counts for 24 hours and up to a minute more (the org keeps one-minute buckets).
    clock.advance(86_400_000 + 60_000);
    const resumed = await sync(started, prefix);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/\(full\): SUCCEEDED/);
    expect(openDeals(started).every((deal) => typeof deal.Deal_Risk_Score__c === 'number')).toBe(true);
  }, 300_000);
});
