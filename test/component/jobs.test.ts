import { QueueEvents, Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob, enqueueJob, jobProcessor } from '../../src/queue/jobs.js';
import { RedisFixture, uniqueQueueName } from '../support/redis.js';

const prefix = 'dealrisk-test';

describe('job catalog on real Redis', () => {
  const redis = new RedisFixture();
  const workers: Worker[] = [];
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.close();
    await redis.cleanup();
  });

  function setUp(attempts: number) {
    const definition = defineJob({
      queue: uniqueQueueName('jobs'),
      name: 'score-opportunity',
      schema: z.object({ opportunityId: z.string().length(18), amount: z.number() }),
      attempts,
      backoff: { type: 'fixed', delay: 10 },
    });
    const queue = redis.queue(definition.queue, prefix);
    const events = new QueueEvents(definition.queue, { connection: redis.connection(), prefix });
    return { definition, queue, events };
  }

  it('when a valid job is enqueued, then a worker processes the parsed payload and returns its result', async () => {
    const { definition, queue, events } = setUp(3);
    const worker = new Worker(
      definition.queue,
      jobProcessor(definition, async (payload) => ({ doubled: payload.amount * 2, id: payload.opportunityId })),
      { connection: redis.connection(), prefix },
    );
    workers.push(worker);
    await events.waitUntilReady();
    const job = await enqueueJob(queue, definition, { opportunityId: '006000000000001AAA', amount: 21 });
    await expect(job.waitUntilFinished(events, 10_000)).resolves.toEqual({ doubled: 42, id: '006000000000001AAA' });
    await events.close();
  });

  it('when a payload is invalid at enqueue time, then nothing reaches Redis', async () => {
    const { definition, queue, events } = setUp(3);
    await expect(enqueueJob(queue, definition, { opportunityId: 'short', amount: 1 })).rejects.toThrow();
    expect(await queue.count()).toBe(0);
    await events.close();
  });

  it('when a job in Redis has a bad payload, then it fails once without retrying, naming the field', async () => {
    const { definition, queue, events } = setUp(5);
    let calls = 0;
    const worker = new Worker(
      definition.queue,
      jobProcessor(definition, async () => {
        calls += 1;
        return 'never';
      }),
      { connection: redis.connection(), prefix },
    );
    workers.push(worker);
    await events.waitUntilReady();
    // Written around the catalog, as an old producer or a hand-edited job would.
    const job = await queue.add(definition.name, { opportunityId: '006000000000001AAA', amount: 'ten' }, { attempts: 5 });
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow(/amount/);
    const failed = await queue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(calls).toBe(0);
    await events.close();
  });

  it('when the handler throws, then the job is retried up to its attempts and then fails', async () => {
    const { definition, queue, events } = setUp(3);
    let calls = 0;
    const worker = new Worker(
      definition.queue,
      jobProcessor(definition, async () => {
        calls += 1;
        throw new Error('UNABLE_TO_LOCK_ROW');
      }),
      { connection: redis.connection(), prefix },
    );
    workers.push(worker);
    await events.waitUntilReady();
    const job = await enqueueJob(queue, definition, { opportunityId: '006000000000001AAA', amount: 1 });
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow('UNABLE_TO_LOCK_ROW');
    expect(calls).toBe(3);
    await events.close();
  });
});
