import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { inject } from 'vitest';
import { QUEUE_NAMES } from '../../src/queue/catalog.js';
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
  private readonly prefixes: string[] = [];

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

  /** Every catalog queue under `prefix`, removed at cleanup, with the sync's state keys; returns the plan queue. */
  syncQueues(prefix: string): Queue {
    this.prefixes.push(prefix);
    return QUEUE_NAMES.map((name) => this.queue(name, prefix))[0]!;
  }

  async cleanup(): Promise<void> {
    for (const prefix of this.prefixes.splice(0)) {
      const keys = await this.connection().keys(`${prefix}:sync:*`);
      if (keys.length > 0) await this.connection().del(...keys);
    }
    for (const queue of this.queues.splice(0)) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    for (const connection of this.connections.splice(0)) connection.disconnect();
  }
}
