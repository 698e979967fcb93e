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

/** One `dealrisk sync --full` as a person runs it, with a worker in the same process and the Bulk threshold given. */
async function fullSync(org: LocalOrg, prefix: string, bulkThreshold: number): Promise<string> {
  const env = { REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: prefix, ...salesforceEnv(org), LOG_LEVEL: 'warn', SYNC_BULK_THRESHOLD: String(bulkThreshold) };
  const result = await runCli(['sync', '--local-worker', '--full', '--as-of', AS_OF], env, undefined, 120_000);
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
});
