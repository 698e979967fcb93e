import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { LocalOrg } from '@dealrisk/local-org';
import { afterEach, describe, expect, it } from 'vitest';
import { jobs } from '../../src/queue/catalog.js';
import { runCli, startCli, waitForOutput } from '../support/cli.js';
import { salesforceEnv, startTestOrg } from '../support/local-org.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';
import { syncInProcess } from '../support/sync.js';

const AS_OF = '2026-03-31T12:00:00.000Z';
const DATASET = { opportunities: 1500, seed: 11 };
const RISK_FIELDS = ['Deal_Risk_Score__c', 'Deal_Risk_Level__c', 'Deal_Risk_Codes__c', 'Deal_Risk_Reasons__c', 'Stage_Entered_Date__c', 'Stage_Benchmark_Days__c', 'Mobilizer_Count__c', 'Missing_Verifiers__c'];

const redis = new RedisFixture();
const orgs: LocalOrg[] = [];
const running: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const org of orgs.splice(0)) await org.stop();
  await redis.cleanup();
});

async function org(): Promise<LocalOrg> {
  const started = await startTestOrg(DATASET);
  orgs.push(started);
  return started;
}

/** The org's risk fields and dealrisk Tasks, by record and by key: what two runs must agree on. */
function state(started: LocalOrg): { deals: Record<string, unknown[]>; tasks: Record<string, unknown[]>; duplicateKeys: string[] } {
  const deals = Object.fromEntries([...started.store.rows('Opportunity')].map((o) => [String(o.Id), RISK_FIELDS.map((f) => o[f] ?? null)]));
  const tasks: Record<string, unknown[]> = {};
  const duplicateKeys: string[] = [];
  for (const task of started.store.rows('Task')) {
    if (typeof task.Deal_Risk_Key__c !== 'string' || task.IsDeleted) continue;
    if (tasks[task.Deal_Risk_Key__c]) duplicateKeys.push(task.Deal_Risk_Key__c);
    tasks[task.Deal_Risk_Key__c] = [task.Status, task.Subject, task.ActivityDate, task.OwnerId, task.Priority];
  }
  return { deals, tasks, duplicateKeys };
}

function workers(started: LocalOrg, prefix: string, n: number): { env: Record<string, string>; procs: ChildProcessWithoutNullStreams[] } {
  const env = { REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: prefix, ...salesforceEnv(started), LOG_LEVEL: 'info', WORKER_CONCURRENCY: '1' };
  const procs = Array.from({ length: n }, () => startCli(['worker'], env));
  running.push(...procs);
  return { env, procs };
}

describe('dealrisk sync on several workers', () => {
  it('when two worker processes share one run, then the org ends exactly as after a run in one process', async () => {
    const reference = await org();
    await syncInProcess(reference, { now: new Date(AS_OF) });
    const shared = await org();
    const prefix = uniqueQueueName('two-workers');
    redis.syncQueues(prefix);
    const { env, procs } = workers(shared, prefix, 2);
    await Promise.all(procs.map((p) => waitForOutput(p, /"msg":"worker started"/, 30_000, 'stderr')));
    const result = await runCli(['sync', '--full', '--as-of', AS_OF], { ...env, LOG_LEVEL: 'warn' }, undefined, 120_000);
    expect(result.stderr).toBe('');
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/planned \d+ deals in [2-9] batches/);
    const [want, got] = [state(reference), state(shared)];
    expect(got.duplicateKeys).toEqual([]);
    expect(got.deals).toEqual(want.deals);
    expect(got.tasks).toEqual(want.tasks);
  }, 180_000);

  it('when a worker is killed with SIGKILL while batches run, then the other completes the run, every deal ends right and no Task is duplicated', async () => {
    const reference = await org();
    await syncInProcess(reference, { now: new Date(AS_OF) });
    const shared = await org();
    const prefix = uniqueQueueName('sigkill');
    const planQueue = redis.syncQueues(prefix);
    const { env, procs } = workers(shared, prefix, 2);
    await Promise.all(procs.map((p) => waitForOutput(p, /"msg":"worker started"/, 30_000, 'stderr')));
    const sync = runCli(['sync', '--full', '--as-of', AS_OF, '--timeout', '150'], { ...env, LOG_LEVEL: 'warn' }, undefined, 170_000);
    const batches = redis.queue(jobs.syncBatch.queue, prefix);
    const deadline = Date.now() + 60_000;
    while ((await batches.getActiveCount()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    procs[0]!.kill('SIGKILL');

    const result = await sync;
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('SUCCEEDED');
    const [want, got] = [state(reference), state(shared)];
    expect(got.duplicateKeys).toEqual([]);
    expect(got.deals).toEqual(want.deals);
    expect(got.tasks).toEqual(want.tasks);
    expect(await planQueue.getFailedCount()).toBe(0);
  }, 240_000);
});
