import type { LocalOrg } from '@dealrisk/local-org';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { salesforceEnv, startTestOrg } from '../support/local-org.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';

const redis = new RedisFixture();
let org: LocalOrg | undefined;
afterEach(async () => {
  await org?.stop();
  org = undefined;
  await redis.cleanup();
});

const OPEN_DEAL = '006000000000003AAA';
const REP = '005000000000002AAA';
const CONTACT = '003000000000003AAA';

/** The counts a `dealrisk sync` prints. */
function counts(stdout: string): { planned: number; fields: number; deals: number; cleared: number; opened: number; completed: number } {
  const numbers = (pattern: RegExp) => (pattern.exec(stdout) ?? []).slice(1).map(Number);
  const [planned] = numbers(/planned (\d+) deals/);
  const [fields, deals, cleared] = numbers(/(?:would write|wrote) (\d+) fields on (\d+) deals \((\d+) closed deals cleared\)/);
  const [opened, completed] = numbers(/Tasks: (\d+) opened, (\d+) completed/);
  if ([planned, fields, deals, cleared, opened, completed].some((n) => n === undefined)) throw new Error(`no run report in: ${stdout}`);
  return { planned: planned!, fields: fields!, deals: deals!, cleared: cleared!, opened: opened!, completed: completed! };
}

function dealriskTasks(started: LocalOrg, dealId: string) {
  return [...started.store.rows('Task')].filter((task) => task.WhatId === dealId && typeof task.Deal_Risk_Key__c === 'string' && !task.IsDeleted);
}

/** One `dealrisk sync` as a person runs it, with a worker in the same process. */
function sync(started: LocalOrg, prefix: string, ...args: string[]) {
  return syncWith({}, started, prefix, ...args);
}

/** {@link sync} with more settings. */
async function syncWith(settings: Record<string, string>, started: LocalOrg, prefix: string, ...args: string[]) {
  const env = { REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: prefix, ...salesforceEnv(started), LOG_LEVEL: 'warn', ...settings };
  const result = await runCli(['sync', '--local-worker', ...args], env, undefined, 90_000);
  expect(result.stderr, result.stdout).toBe('');
  expect(result.code, result.stdout).toBe(0);
  return result.stdout;
}

describe('dealrisk sync runs on the three-opportunity scenario (test/fixtures/datasets/three-opportunities.json)', () => {
  it('when run full, again, after a meeting and after the deal is won, then each run writes exactly what changed', async () => {
    // The org's clock is the real one, so the watermark (the run's start) and the org's stamps agree.
    org = await startTestOrg({ dataset: 'test/fixtures/datasets/three-opportunities.json', asOf: new Date() });
    const prefix = uniqueQueueName('sync-runs');
    redis.syncQueues(prefix);

    // Full: the one open deal gets every risk field and one Task per firing signal with a template.
    const full = counts(await sync(org, prefix, '--full'));
    expect(full).toMatchObject({ deals: 1, cleared: 0 });
    const deal = org.store.retrieve('Opportunity', OPEN_DEAL)!;
    expect(deal.Deal_Risk_Codes__c).toMatch(/LOSING_PATTERN/);
    expect(deal.Deal_Risk_Level__c).toBe((deal.Deal_Risk_Score__c as number) >= 80 ? 'High' : (deal.Deal_Risk_Score__c as number) >= 40 ? 'Medium' : 'Low');
    expect(deal.Stage_Entered_Date__c).toBe('2026-02-10');
    expect(deal.Missing_Verifiers__c).toMatch(/first meeting/);
    expect(deal.Deal_Risk_Updated_At__c).not.toBeNull();
    const tasks = dealriskTasks(org, OPEN_DEAL);
    expect(tasks.length).toBe(full.opened);
    const codes = String(deal.Deal_Risk_Codes__c).split(';');
    for (const task of tasks) {
      expect(codes).toContain(String(task.Deal_Risk_Key__c).split(':')[1]);
      expect(task).toMatchObject({ Status: 'Not Started', OwnerId: REP, IsClosed: false });
    }
    for (const id of ['006000000000001AAA', '006000000000002AAA']) expect(org.store.retrieve('Opportunity', id)!.Deal_Risk_Score__c).toBeNull();

    // Full again with nothing changed: nothing written, no Task.
    expect(counts(await sync(org, prefix, '--full'))).toMatchObject({ fields: 0, deals: 0, opened: 0, completed: 0 });
    const stamp = org.store.retrieve('Opportunity', OPEN_DEAL)!.Deal_Risk_Updated_At__c;
    expect(stamp).toBe(deal.Deal_Risk_Updated_At__c);

    // A rep logs a customer meeting: the incremental run rewrites that deal only.
    org.store.create('Event', { WhatId: OPEN_DEAL, WhoId: CONTACT, Type: 'Meeting', Subject: 'Scoping call', StartDateTime: new Date(Date.now() - 3_600_000).toISOString(), EndDateTime: new Date().toISOString() }, REP);
    const incremental = counts(await sync(org, prefix));
    expect(incremental.planned).toBeLessThanOrEqual(2);
    expect(incremental.deals).toBe(1);
    const after = org.store.retrieve('Opportunity', OPEN_DEAL)!;
    expect(after.Missing_Verifiers__c).not.toMatch(/first meeting/);
    expect(after.Deal_Risk_Updated_At__c).not.toBe(stamp);

    // The deal is won: its risk fields are cleared and its open dealrisk Tasks completed.
    const stillOpen = dealriskTasks(org, OPEN_DEAL).filter((task) => task.Status !== 'Completed').length;
    expect(stillOpen).toBeGreaterThan(0);
    org.store.update('Opportunity', OPEN_DEAL, { StageName: 'Closed Won' }, REP);
    const won = counts(await sync(org, prefix, '--incremental'));
    expect(won).toMatchObject({ deals: 1, cleared: 1, opened: 0 });
    const closed = org.store.retrieve('Opportunity', OPEN_DEAL)!;
    for (const field of ['Deal_Risk_Score__c', 'Deal_Risk_Level__c', 'Deal_Risk_Codes__c', 'Deal_Risk_Reasons__c', 'Missing_Verifiers__c']) expect(closed[field], field).toBeNull();
    const finalTasks = dealriskTasks(org, OPEN_DEAL);
    expect(won.completed).toBe(stillOpen);
    expect(finalTasks.every((task) => task.Status === 'Completed')).toBe(true);
  }, 240_000);
});

describe('dealrisk sync on a demo org', () => {
  it('when one deal gets a meeting after a full run, then the incremental run reads a handful of deals, not the org; --dry-run writes nothing', async () => {
    org = await startTestOrg({ opportunities: 300, asOf: new Date() });
    const prefix = uniqueQueueName('sync-demo');
    redis.syncQueues(prefix);
    const dry = counts(await sync(org, prefix, '--full', '--dry-run'));
    expect(dry.deals).toBeGreaterThan(50);
    expect([...org.store.rows('Opportunity')].every((o) => o.Deal_Risk_Score__c === null)).toBe(true);

    const fullOutput = await sync(org, prefix, '--full');
    const full = counts(fullOutput);
    expect(full.deals).toBe(dry.deals);
    const role = [...org.store.rows('OpportunityContactRole')].find((r) => org!.store.retrieve('Opportunity', String(r.OpportunityId))?.IsClosed === false)!;
    const rep = [...org.store.rows('User')].find((u) => u.Id !== org!.userId)!;
    org.store.create('Event', { WhatId: role.OpportunityId, WhoId: role.ContactId, Type: 'Meeting', Subject: 'Call', StartDateTime: new Date().toISOString(), EndDateTime: new Date().toISOString() }, String(rep.Id));
    const incrementalOutput = await sync(org, prefix);
    const incremental = counts(incrementalOutput);
    expect(incremental.planned).toBeGreaterThan(0);
    // A handful, not the org. The look-back also re-reads deals the generator dated in the ten minutes
    // before the org's asOf, and it dates activity in business hours (UTC): run at midday that is about
    // a tenth of the open deals, in the early morning none, so the bound leaves room for the hour.
    expect(incremental.planned).toBeLessThan(full.planned / 4);
    expect(incremental.deals).toBeLessThanOrEqual(1);
    // The look-back: changes are read from the previous run's watermark minus SYNC_LOOKBACK_MINUTES.
    const watermark = (output: string) => Date.parse(/watermark moved to (\S+)\./.exec(output)![1]!);
    const since = (output: string) => Date.parse(/changes since (\S+)\)/.exec(output)![1]!);
    expect(since(incrementalOutput)).toBe(Math.floor((watermark(fullOutput) - 10 * 60_000) / 1000) * 1000);
    const noLookBack = await syncWith({ SYNC_LOOKBACK_MINUTES: '0' }, org, prefix);
    expect(since(noLookBack)).toBe(Math.floor(watermark(incrementalOutput) / 1000) * 1000);
  }, 240_000);
});
