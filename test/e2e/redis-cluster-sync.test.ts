import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { LocalOrg } from '@dealrisk/local-org';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf, runCli, startCli, waitForOutput } from '../support/cli.js';
import { loggedIn, salesforceEnv, startTestOrg } from '../support/local-org.js';
import { syncedOrgState } from '../support/org-state.js';
import { LocalRedisCluster } from '../support/redis-cluster.js';
import { scoreDealsJob } from '../../src/queue/catalog.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';

const SAME_ORG = { dataset: 'demo', opportunities: 150, seed: 11 } as const;

let cluster: LocalRedisCluster;
const redis = new RedisFixture();
const orgs: LocalOrg[] = [];
const workers: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  cluster = await LocalRedisCluster.start(3);
}, 60_000);
afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
  for (const org of orgs) await org.stop();
  await cluster.stop();
  await redis.cleanup();
});

/** Starts `count` worker processes on the given Redis and waits until each has started. */
async function startWorkers(env: Record<string, string>, count: number): Promise<ChildProcessWithoutNullStreams[]> {
  const started = Array.from({ length: count }, () => startCli(['worker'], { ...env, LOG_LEVEL: 'info' }));
  workers.push(...started);
  await Promise.all(started.map((worker) => waitForOutput(worker, /"msg":"worker started"/, 60_000, 'stderr')));
  return started;
}

/** Runs a full sync of a fresh copy of the org through `workerCount` workers on the given Redis; returns the org's state. */
async function syncThrough(redis: Record<string, string>, workerCount: number): Promise<Awaited<ReturnType<typeof syncedOrgState>>> {
  const org = await startTestOrg(SAME_ORG);
  orgs.push(org);
  const env = { ...redis, ...salesforceEnv(org) };
  const started = await startWorkers(env, workerCount);
  const sync = await runCli(['sync', '--wait', '--timeout', '120'], { ...env, LOG_LEVEL: 'warn' }, undefined, 150_000);
  expect(sync.stderr).toBe('');
  expect(sync.code, sync.stdout).toBe(0);
  for (const worker of started) {
    const exited = exitCodeOf(worker);
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
  return syncedOrgState(await loggedIn(org));
}

describe('scale-out on a Redis Cluster', () => {
  it('when two workers sync through a three-node Redis Cluster with the {dealrisk} hash tag, then the org ends as a sync on a single Redis leaves it', async () => {
    const singlePrefix = uniqueQueueName('single');
    redis.queue(scoreDealsJob.queue, singlePrefix);
    const single = await syncThrough({ REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: singlePrefix }, 1);
    const clusterPrefix = `{${uniqueQueueName('cluster')}}`;
    const onCluster = await syncThrough({ REDIS_URL: cluster.url, REDIS_CLUSTER: 'true', DEALRISK_QUEUE_PREFIX: clusterPrefix }, 2);
    expect(single.opportunities.filter((o) => o.Deal_Risk_Score__c !== null).length).toBeGreaterThan(0);
    expect(onCluster).toEqual(single);

    // The run went through the cluster: its queue keys are there, all on the one node of the hash tag's slot.
    const keysPerNode = cluster.keysOnEachNode(`${clusterPrefix}:*`);
    expect(keysPerNode.filter((keys) => keys.length > 0)).toHaveLength(1);
  }, 300_000);
});
