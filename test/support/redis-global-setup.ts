import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { assertRedisAnswers } from '../../src/queue/connection.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

function answers(url: string): Promise<boolean> {
  return assertRedisAnswers(url).then(
    () => true,
    () => false,
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Tests that touch queues need a real Redis: use REDIS_URL (or the default local one) if it
 * answers, else start a throwaway redis-server, else fail saying how to get one. Never skip.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const wanted = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await answers(wanted)) {
    project.provide('redisUrl', wanted);
    return undefined;
  }
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      `No Redis answers at ${wanted} and redis-server is not installed. Start one ` +
        '(`docker compose up -d redis`, or `apt-get install redis-server`) or set REDIS_URL.',
    );
  }
  const port = await freePort();
  const server: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let tries = 0; tries < 50 && !(await answers(url)); tries += 1) await new Promise((r) => setTimeout(r, 100));
  if (!(await answers(url))) throw new Error(`started redis-server on port ${port} but it does not answer`);
  project.provide('redisUrl', url);
  return () => {
    server.kill('SIGTERM');
  };
}
