import type { LocalOrg } from '@dealrisk/local-org';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { loggedIn, salesforceEnv, startTestOrg } from '../support/local-org.js';
import { syncedOrgState } from '../support/org-state.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';

const redis = new RedisFixture();
const orgs: LocalOrg[] = [];
afterEach(async () => {
  for (const org of orgs.splice(0)) await org.stop();
  await redis.cleanup();
});

const AS_OF = '2026-03-31T12:00:00.000Z';

/** One `dealrisk sync` (full unless told) as a person runs it, with a worker in the same process and the Bulk threshold given. */
async function fullSync(org: LocalOrg, prefix: string, bulkThreshold: number, mode = '--full', asOf = AS_OF): Promise<string> {
  const env = { REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: prefix, ...salesforceEnv(org), LOG_LEVEL: 'warn', SYNC_BULK_THRESHOLD: String(bulkThreshold) };
  const result = await runCli(['sync', '--local-worker', mode, '--as-of', asOf], env, undefined, 120_000);
  expect(result.stderr, result.stdout).toBe('');
  expect(result.code, result.stdout).toBe(0);
  return result.stdout;
}

const written = (stdout: string) => /(?:would write|wrote) (\d+) fields on (\d+) deals/.exec(stdout)?.slice(1).map(Number);
const opened = (stdout: string) => Number(/Tasks: (\d+) opened/.exec(stdout)?.[1]);

describe('dealrisk sync reading with Bulk API 2.0 (SYNC_BULK_THRESHOLD forced low)', () => {
  for (const dataset of [{ dataset: 'test/fixtures/datasets/three-opportunities.json' }, { opportunities: 300 }]) {
    it(`when a run reads with Bulk, then the org ends exactly as after the REST run, and a second run writes nothing (${JSON.stringify(dataset)})`, async () => {
      const restOrg = await startTestOrg(dataset);
      const bulkOrg = await startTestOrg(dataset);
      orgs.push(restOrg, bulkOrg);
      const restPrefix = uniqueQueueName('sync-rest');
      const bulkPrefix = uniqueQueueName('sync-bulk');
      redis.syncQueues(restPrefix);
      redis.syncQueues(bulkPrefix);

      const rest = await fullSync(restOrg, restPrefix, 0);
      const bulk = await fullSync(bulkOrg, bulkPrefix, 1);

      expect(written(bulk)).toEqual(written(rest));
      expect(opened(bulk)).toBe(opened(rest));
      expect(opened(bulk)).toBeGreaterThan(0);
      expect(await syncedOrgState(await loggedIn(bulkOrg))).toEqual(await syncedOrgState(await loggedIn(restOrg)));
      // The Bulk run read through its run's buckets in Redis; the REST run left none.
      expect(await redis.connection().keys(`${bulkPrefix}:sync:run:*:bulk:0`)).toHaveLength(1);
      expect(await redis.connection().keys(`${restPrefix}:sync:run:*:bulk:*`)).toHaveLength(0);

      const again = await fullSync(bulkOrg, bulkPrefix, 1);
      expect(written(again)).toEqual([0, 0]);
      expect(opened(again)).toBe(0);
    }, 300_000);
  }

  it('when an incremental run after a new customer meeting reads with Bulk (every deal\'s rows, the planned kept), then the org ends as after the same REST runs', async () => {
    // The orgs' clocks are the real one, so the watermark (a run's start) and the org's stamps agree.
    const scenario = { dataset: 'test/fixtures/datasets/three-opportunities.json', asOf: new Date() };
    const restOrg = await startTestOrg(scenario);
    const bulkOrg = await startTestOrg(scenario);
    orgs.push(restOrg, bulkOrg);
    const restPrefix = uniqueQueueName('sync-rest');
    const bulkPrefix = uniqueQueueName('sync-bulk');
    redis.syncQueues(restPrefix);
    redis.syncQueues(bulkPrefix);
    // Both orgs' runs score as of one time, after the meeting below.
    const asOf = new Date(Date.now() + 60_000).toISOString();
    await fullSync(restOrg, restPrefix, 0, '--full', asOf);
    await fullSync(bulkOrg, bulkPrefix, 1, '--full', asOf);

    for (const org of [restOrg, bulkOrg]) {
      const start = new Date(Date.now() - 3_600_000).toISOString();
      org.store.create('Event', { WhatId: '006000000000003AAA', WhoId: '003000000000003AAA', Type: 'Meeting', Subject: 'Scoping call', StartDateTime: start, EndDateTime: new Date().toISOString() }, '005000000000002AAA');
    }
    const rest = await fullSync(restOrg, restPrefix, 0, '--incremental', asOf);
    const bulk = await fullSync(bulkOrg, bulkPrefix, 1, '--incremental', asOf);

    expect(written(bulk)).toEqual(written(rest));
    expect(written(bulk)?.[1]).toBe(1);
    expect(await syncedOrgState(await loggedIn(bulkOrg))).toEqual(await syncedOrgState(await loggedIn(restOrg)));
    expect(await redis.connection().keys(`${bulkPrefix}:sync:run:*:bulk:batch-of`)).toHaveLength(2);
  }, 300_000);
});
