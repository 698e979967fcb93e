import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Queue, QueueEvents, Worker } from 'bullmq';
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
  it("when BullMQ uses the hash-tagged prefix {dealrisk}, then a job goes through a worker on the cluster", async () => {
    const connections = [cluster.connection(), cluster.connection(), cluster.connection()];
    const queue = new Queue('harness', { connection: connections[0]!, prefix: '{dealrisk}' });
    const events = new QueueEvents('harness', { connection: connections[1]!, prefix: '{dealrisk}' });
    const worker = new Worker('harness', async (job) => (job.data as { n: number }).n * 2, { connection: connections[2]!, prefix: '{dealrisk}' });
    try {
      await Promise.all([events.waitUntilReady(), worker.waitUntilReady()]);
      const job = await queue.add('double', { n: 21 });
      expect(await job.waitUntilFinished(events, 50_000)).toBe(42);
      // The hash tag keeps every key of the queue in one slot: of the three masters, one holds them all.
      const keysPerNode = cluster.keysOnEachNode('{dealrisk}:harness:*');
      expect(keysPerNode).toHaveLength(3);
      expect(keysPerNode.filter((keys) => keys.length > 0)).toHaveLength(1);
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
      for (const connection of connections) connection.disconnect();
    }
  }, 90_000);

  it('when stopped, then its processes and its directory are gone', async () => {
    const other = await LocalRedisCluster.start(3);
    expect(existsSync(other.dir)).toBe(true);
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    expect(spawnSync('redis-cli', ['-p', String(other.ports[0]), 'ping'], { encoding: 'utf8' }).stdout).not.toContain('PONG');
  }, 60_000);
});
