import { Cluster, Redis } from 'ioredis';
import { ConfigError } from '../errors/config-error.js';
import { RedisUnavailableError } from '../errors/redis-unavailable-error.js';

/** One Redis, or a Redis Cluster: what BullMQ queues, workers and dealrisk's own keys run on. */
export type RedisConnection = Redis | Cluster;

/** Where Redis is: a URL, and whether it names a node of a Redis Cluster. */
export interface RedisSettings {
  url: string;
  cluster: boolean;
}

/**
 * A Redis connection for BullMQ. Workers need `maxRetriesPerRequest: null` so blocking
 * commands wait through a Redis restart instead of failing the worker
 * (BullMQ's "going to production" guide). Given a URL alone, a plain Redis.
 */
export function createRedisConnection(url: string): Redis;
export function createRedisConnection(settings: RedisSettings): RedisConnection;
export function createRedisConnection(target: string | RedisSettings): RedisConnection {
  const { url, cluster } = typeof target === 'string' ? { url: target, cluster: false } : target;
  if (!cluster) return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  // ioredis learns the other nodes from the one named; the URL's user, password and TLS apply to all.
  const { hostname, port, username, password, protocol } = new URL(url);
  return new Cluster([{ host: hostname, port: Number(port || 6379) }], {
    redisOptions: {
      maxRetriesPerRequest: null,
      username: username ? decodeURIComponent(username) : undefined,
      password: password ? decodeURIComponent(password) : undefined,
      tls: protocol === 'rediss:' ? {} : undefined,
    },
  });
}

/** How long the probe waits for Redis to connect and to answer a command. */
const PROBE_TIMEOUT_MS = 2000;

/**
 * Replies by which Redis refuses the URL's password, user or database number: a setting to fix,
 * which no retry fixes (https://redis.io/docs/latest/commands/auth/, .../select/).
 */
const REFUSED_SETTING = /^(NOAUTH|WRONGPASS|ERR (invalid password|AUTH|Client sent AUTH|DB index))/;

/**
 * Asks the Redis at `url` for a PING, giving up within seconds. Every command that needs Redis
 * calls this first (through `requireRedis`), so an outage is one readable line instead of a hang.
 * Throws {@link ConfigError} naming REDIS_URL when Redis answers but refuses its credentials or
 * database, and {@link RedisUnavailableError} when nothing answers. Never echoes the URL itself
 * (it may hold a password).
 */
export async function assertRedisAnswers(url: string): Promise<void> {
  const { host } = new URL(url);
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: PROBE_TIMEOUT_MS,
    commandTimeout: PROBE_TIMEOUT_MS,
  });
  // The first error is the cause (ECONNREFUSED, WRONGPASS…); what connect() rejects with is only
  // "Connection is closed". A bad database number fails ioredis's SELECT while PING still works.
  let reason: Error | undefined;
  probe.on('error', (error: Error) => (reason ??= error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    reason ??= error instanceof Error ? error : new Error(String(error));
  } finally {
    probe.disconnect();
  }
  if (reason === undefined) return;
  const why = reason.message;
  if (REFUSED_SETTING.test(why)) {
    throw new ConfigError([{ key: 'REDIS_URL', problem: `Redis at ${host} refused it: ${why}` }]);
  }
  throw new RedisUnavailableError(
    `no Redis answers at ${host} (${why}). Start one (\`docker compose up -d redis\`, or \`redis-server\`) or set REDIS_URL.`,
    { cause: reason },
  );
}
