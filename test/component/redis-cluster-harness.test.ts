import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRedisCluster } from '../support/redis-cluster.js';

let cluster: LocalRedisCluster;
beforeAll(async () => {
  cluster = await LocalRedisCluster.start(3);
}, 60_000);
afterAll(async () => {
  await cluster.stop();
});

describe('a local three-node Redis Cluster', () => {
  // Workers consuming through the cluster are proven by the two-worker sync on it (test/e2e); this
  // checks the harness and the hash tag only, without a worker racing a loaded machine.
  it('when BullMQ uses the hash-tagged prefix {dealrisk}, then a queue\'s jobs are stored and every key of the queue is on one master', async () => {
    const connection = cluster.connection();
    const queue = new Queue('harness', { connection, prefix: '{dealrisk}' });
    try {
      const added = await Promise.all([queue.add('double', { n: 21 }), queue.add('double', { n: 4 })]);
      const stored = await Promise.all(added.map((job) => queue.getJob(job.id!)));
      expect(stored.map((job) => job?.data as { n: number })).toEqual([{ n: 21 }, { n: 4 }]);
      // The hash tag keeps every key of the queue in one slot: of the three masters, one holds them all.
      const keysPerNode = cluster.keysOnEachNode('{dealrisk}:harness:*');
      expect(keysPerNode).toHaveLength(3);
      expect(keysPerNode.filter((keys) => keys.length > 0)).toHaveLength(1);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  }, 60_000);

  it('when stopped, then its processes and its directory are gone', async () => {
    const other = await LocalRedisCluster.start(3);
    expect(existsSync(other.dir)).toBe(true);
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    expect(spawnSync('redis-cli', ['-p', String(other.ports[0]), 'ping'], { encoding: 'utf8' }).stdout).not.toContain('PONG');
  }, 60_000);
});
