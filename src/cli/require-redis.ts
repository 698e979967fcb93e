import { RedisUnavailableError } from '../errors/redis-unavailable-error.js';
import { assertRedisAnswers } from '../queue/connection.js';
import type { CommandContext } from './context.js';

/**
 * The first step of every command that needs Redis: a probe that answers within seconds, so an
 * outage is one readable line and exit code 1 instead of a hang (and a REDIS_URL Redis refuses is
 * exit code 2). With `orWait`, a Redis that does not answer is only logged: the caller (a worker)
 * keeps retrying until it is back. A refused REDIS_URL never fixes itself, so it fails either way.
 */
export async function requireRedis(ctx: CommandContext, options: { orWait?: boolean } = {}): Promise<void> {
  try {
    await assertRedisAnswers(ctx.config.redis.url);
  } catch (error) {
    if (!(options.orWait && error instanceof RedisUnavailableError)) throw error;
    ctx.logger.warn(`${error.message} Retrying until it answers.`);
  }
}
