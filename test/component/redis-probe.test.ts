import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { RedisUnavailableError } from '../../src/errors/redis-unavailable-error.js';
import { assertRedisAnswers } from '../../src/queue/connection.js';
import { redisUrl } from '../support/redis.js';
import { freePort, PrivateRedis } from '../support/redis-server.js';

/** What the probe throws for `url` (fails the test when it resolves). */
async function probeError(url: string): Promise<Error> {
  const error: unknown = await assertRedisAnswers(url).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('assertRedisAnswers', () => {
  let guarded: PrivateRedis;
  beforeAll(async () => {
    guarded = await PrivateRedis.start(['--requirepass', 'probe-secret']);
  });
  afterAll(async () => {
    await guarded.stop();
  });

  it('when Redis answers, then it resolves', async () => {
    await expect(assertRedisAnswers(redisUrl())).resolves.toBeUndefined();
    await expect(assertRedisAnswers(`redis://:probe-secret@127.0.0.1:${guarded.port}/3`)).resolves.toBeUndefined();
  });

  it('when nothing listens, then it is RedisUnavailableError with the reason and what to do', async () => {
    const port = await freePort();
    const error = await probeError(`redis://127.0.0.1:${port}`);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(error.message).toBe(
      `no Redis answers at 127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}). Start one (\`docker compose up -d redis\`, or \`redis-server\`) or set REDIS_URL.`,
    );
  });

  it.each([
    ['no password', (port: number) => `redis://127.0.0.1:${port}`, /^Redis at 127\.0\.0\.1:\d+ refused it: NOAUTH /],
    ['a wrong password', (port: number) => `redis://:wrong@127.0.0.1:${port}`, /^Redis at 127\.0\.0\.1:\d+ refused it: WRONGPASS /],
    ['a database it does not have', (port: number) => `redis://:probe-secret@127.0.0.1:${port}/99`, /refused it: ERR DB index is out of range$/],
  ])('when REDIS_URL has %s, then it is a ConfigError naming REDIS_URL, without the password', async (_, urlFor, problem) => {
    const error = await probeError(urlFor(guarded.port));
    expect(error).toBeInstanceOf(ConfigError);
    const [only] = (error as ConfigError).problems;
    expect(only?.key).toBe('REDIS_URL');
    expect(only?.problem).toMatch(problem);
    expect(error.message).not.toMatch(/wrong|probe-secret/);
  });
});
