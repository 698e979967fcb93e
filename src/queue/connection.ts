import { Redis } from 'ioredis';
import { RedisUnavailableError } from '../errors/redis-unavailable-error.js';

/**
 * A Redis connection for BullMQ. Workers need `maxRetriesPerRequest: null` so blocking
 * commands wait through a Redis restart instead of failing the worker
 * (BullMQ's "going to production" guide).
 */
export function createRedisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/** Throws a readable error when nothing answers at `url` (commands check before they start work). */
export async function assertRedisAnswers(url: string): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const host = new URL(url).host;
    throw new RedisUnavailableError(
      `no Redis answers at ${host} (${error instanceof Error ? error.message : String(error)}). ` +
        'Start one (`docker compose up -d redis`, or `redis-server`) or set REDIS_URL.',
      { cause: error },
    );
  } finally {
    probe.disconnect();
  }
}
