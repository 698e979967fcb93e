import type { TestProject } from 'vitest/node';
import { PrivateRedis, redisAnswers, redisServerInstalled } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Tests that touch queues need a real Redis: use REDIS_URL (or the default local one) if it
 * answers, else start a throwaway redis-server, else fail saying how to get one. Never skip.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const wanted = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await redisAnswers(wanted)) {
    project.provide('redisUrl', wanted);
    return undefined;
  }
  if (!redisServerInstalled()) {
    throw new Error(
      `No Redis answers at ${wanted} and redis-server is not installed. Start one ` +
        '(`docker compose up -d redis`, or `apt-get install redis-server`) or set REDIS_URL.',
    );
  }
  const server = await PrivateRedis.start();
  if (!(await redisAnswers(server.url))) throw new Error(`started redis-server on port ${server.port} but it does not answer`);
  project.provide('redisUrl', server.url);
  return () => server.stop();
}
