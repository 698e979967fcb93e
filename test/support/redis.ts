import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { inject } from 'vitest';
import { createRedisConnection } from '../../src/queue/connection.js';

/** The Redis the global setup found or started. */
export function redisUrl(): string {
  return inject('redisUrl');
}

/** A queue name no other test (or parallel run) uses. */
export function uniqueQueueName(label: string): string {
  return `test-${label}-${randomUUID().slice(0, 8)}`;
}

/** Opens connections and removes every queue a test made, so Redis is left as found. */
export class RedisFixture {
  private readonly connections: Redis[] = [];
  private readonly queues: Queue[] = [];

  connection(): Redis {
    const connection = createRedisConnection(redisUrl());
    this.connections.push(connection);
    return connection;
  }

  queue(name: string, prefix = 'dealrisk-test'): Queue {
    const queue = new Queue(name, { connection: this.connection(), prefix });
    this.queues.push(queue);
    return queue;
  }

  async cleanup(): Promise<void> {
    for (const queue of this.queues.splice(0)) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    for (const connection of this.connections.splice(0)) connection.disconnect();
  }
}
