import { Queue } from 'bullmq';
import type { Config } from '../config/schema.js';
import { createRedisConnection, type RedisConnection } from './connection.js';

/**
 * Opens the named queues on one Redis connection for a command, runs `use`, then closes them and
 * the connection (BullMQ leaves a connection it was given open), whatever `use` did.
 */
export async function withQueues<T>(config: Config, names: readonly string[], use: (queues: Queue[], redis: RedisConnection) => Promise<T>): Promise<T> {
  const redis = createRedisConnection(config.redis);
  const queues = names.map((name) => new Queue(name, { connection: redis, prefix: config.redis.prefix }));
  try {
    return await use(queues, redis);
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
    redis.disconnect();
  }
}
