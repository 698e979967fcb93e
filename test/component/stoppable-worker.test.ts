import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { StoppableWorker } from '../../src/queue/stoppable-worker.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';
import { PrivateRedis } from '../support/redis-server.js';

/** A processor that reports when it has started and finishes only when told to. */
function heldProcessor(): { processor: (job: Job) => Promise<string>; started: Promise<Job>; release: () => void } {
  let started = (_job: Job): void => undefined;
  let release = (): void => undefined;
  const startedPromise = new Promise<Job>((resolve) => (started = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    processor: async (job) => {
      started(job);
      await released;
      return 'done by the first worker';
    },
    started: startedPromise,
    release: () => release(),
  };
}

/** Resolves once a worker of the queue is blocked in BZPOPMIN, waiting for a job to arrive. */
async function whenAFetchWaitsOnRedis(prefix: string, queueName: string): Promise<void> {
  const name = `name=${prefix}:${Buffer.from(queueName).toString('base64')} `;
  const observer = new Redis(redisUrl());
  try {
    await expect
      .poll(async () => String(await observer.client('LIST')).split('\n').some((line) => line.includes(name) && line.includes('cmd=bzpopmin')), { timeout: 10_000 })
      .toBe(true);
  } finally {
    observer.disconnect();
  }
}

describe('StoppableWorker.stop', () => {
  const redis = new RedisFixture();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await redis.cleanup();
  });

  function worker(queueName: string, prefix: string, processor: (job: Job) => Promise<string>, connection = redis.connection()): StoppableWorker<unknown, string> {
    // Concurrency above 1, as dealrisk runs it: while one job runs, another fetch waits on Redis.
    const started = new StoppableWorker(queueName, processor, { connection, prefix, concurrency: 4 });
    started.on('error', () => undefined);
    cleanups.push(() => started.close(true));
    return started;
  }

  it('when the running job finishes within the grace period, then stop waits until BullMQ has recorded it as completed', async () => {
    const prefix = uniqueQueueName('stop');
    const queue = redis.queue('jobs', prefix);
    const held = heldProcessor();
    const first = worker('jobs', prefix, held.processor);
    const job = await queue.add('work', {});
    await held.started;
    setTimeout(held.release, 300);

    const outcome = await first.stop(30_000);
    expect(outcome).toEqual({ finished: true, handedBack: [], stranded: [] });
    expect(await queue.getJobState(job.id!)).toBe('completed');
    expect((await queue.getJob(job.id!))?.returnvalue).toBe('done by the first worker');
  });

  it('when the running job outlasts the grace period, then it is back in the wait list at once, its attempts untouched, and another worker completes it', async () => {
    const prefix = uniqueQueueName('handback');
    const queue = redis.queue('jobs', prefix);
    const held = heldProcessor();
    cleanups.push(held.release);
    const first = worker('jobs', prefix, held.processor);
    const job = await queue.add('work', {}, { attempts: 3 });
    await held.started;
    // As in a deployed worker, another fetch is waiting on Redis for the next job while this one
    // runs; it must not take back the job the stop hands back.
    await whenAFetchWaitsOnRedis(prefix, 'jobs');

    const outcome = await first.stop(200);
    expect(outcome).toEqual({ finished: false, handedBack: [job.id], stranded: [] });
    // Not left active for the stalled-job check (30 s lock): waiting, unlocked, not counted as a stall.
    expect(await queue.getJobState(job.id!)).toBe('waiting');
    expect(await redis.connection().exists(`${prefix}:jobs:${job.id}:lock`)).toBe(0);
    const handedBack = await queue.getJob(job.id!);
    expect(handedBack?.attemptsMade).toBe(0);
    expect(handedBack?.stalledCounter).toBe(0);

    worker('jobs', prefix, async () => 'done by the second worker');
    await expect.poll(() => queue.getJobState(job.id!), { timeout: 10_000 }).toBe('completed');
    expect((await queue.getJob(job.id!))?.returnvalue).toBe('done by the second worker');
  });

  it('when a second signal ends the grace period early, then the running job is handed back without waiting it out', async () => {
    const prefix = uniqueQueueName('early');
    const queue = redis.queue('jobs', prefix);
    const held = heldProcessor();
    cleanups.push(held.release);
    const first = worker('jobs', prefix, held.processor);
    const job = await queue.add('work', {});
    await held.started;

    const outcome = await first.stop(10 * 60_000, Promise.resolve());
    expect(outcome.handedBack).toEqual([job.id]);
    expect(await queue.getJobState(job.id!)).toBe('waiting');
  });

  it('when Redis is gone by the end of the grace period, then stop still returns and names the job it could not hand back', async () => {
    const server = await PrivateRedis.start();
    cleanups.push(() => server.stop());
    const connection = new Redis(server.url, { maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    cleanups.push(() => connection.disconnect());
    const queue = new Queue('jobs', { connection, prefix: 'gone' });
    queue.on('error', () => undefined);
    cleanups.push(() => queue.close());
    const held = heldProcessor();
    cleanups.push(held.release);
    const first = worker('jobs', 'gone', held.processor, connection);
    const job = await queue.add('work', {});
    await held.started;
    await server.stop();

    const outcome = await first.stop(200);
    expect(outcome).toEqual({ finished: false, handedBack: [], stranded: [job.id] });
  });
});
