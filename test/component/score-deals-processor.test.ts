import { QueueEvents, Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { LocalOrg } from '@dealrisk/local-org';
import { scoreDealsJob } from '../../src/queue/catalog.js';
import { enqueueJob } from '../../src/queue/jobs.js';
import { scoreDealsProcessor } from '../../workers/score-deals.processor.js';
import { startTestOrg } from '../support/local-org.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';

const quiet = pino({ level: 'silent' });

describe('score-open-deals processor on real Redis', () => {
  const redis = new RedisFixture();
  const workers: Worker[] = [];
  let org: LocalOrg;
  beforeAll(async () => {
    org = await startTestOrg({ opportunities: 30 });
  });
  afterAll(async () => {
    await org.stop();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.close();
    await redis.cleanup();
  });

  /** Runs one job through a worker built from these settings; answers how it ended and after how many attempts. */
  async function runJob(settings: Record<string, string>) {
    const prefix = uniqueQueueName('processor');
    const config = loadConfig(
      {
        REDIS_URL: redisUrl(),
        DEALRISK_QUEUE_PREFIX: prefix,
        // Client credentials is served on the org's My Domain only.
        SF_LOGIN_URL: org.myDomainUrl,
        SF_AUTH_FLOW: 'client_credentials',
        SF_CLIENT_ID: org.credentials.clientId,
        SF_CLIENT_SECRET: org.credentials.clientSecret,
        ...settings,
      },
      undefined,
    );
    const queue = redis.queue(scoreDealsJob.queue, prefix);
    const events = new QueueEvents(scoreDealsJob.queue, { connection: redis.connection(), prefix });
    await events.waitUntilReady();
    workers.push(new Worker(scoreDealsJob.queue, scoreDealsProcessor(config, quiet), { connection: redis.connection(), prefix }));
    // Short backoff so a retried job would show its retries within the test.
    const job = await enqueueJob(queue, { ...scoreDealsJob, backoff: { type: 'fixed', delay: 10 } }, { runId: 'r1', trigger: 'manual' });
    const outcome = await job.waitUntilFinished(events, 20_000).then(
      (result: unknown) => ({ ok: true as const, result }),
      (error: Error) => ({ ok: false as const, message: error.message }),
    );
    await events.close();
    const finished = await queue.getJob(job.id!);
    return { outcome, attemptsMade: finished?.attemptsMade };
  }

  it('when the org and playbook are fine, then the job returns the run result', async () => {
    const { outcome, attemptsMade } = await runJob({});
    expect(outcome).toMatchObject({ ok: true, result: { failureCount: 0 } });
    expect(attemptsMade).toBe(1);
  });

  it('when the org refuses the login, then the job fails at once instead of retrying', async () => {
    const { outcome, attemptsMade } = await runJob({ SF_CLIENT_SECRET: 'not-the-secret' });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining('invalid_client') as string });
    expect(attemptsMade).toBe(1);
  });

  it('when the playbook file is missing, then the job fails at once naming the setting', async () => {
    const { outcome, attemptsMade } = await runJob({ DEALRISK_PLAYBOOK: 'config/no-such-playbook.yaml' });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining('DEALRISK_PLAYBOOK') as string });
    expect(attemptsMade).toBe(1);
  });

  it('when the login host does not answer, then the job is retried up to its attempts', async () => {
    const { outcome, attemptsMade } = await runJob({ SF_LOGIN_URL: 'http://127.0.0.1:1' });
    expect(outcome.ok).toBe(false);
    expect(attemptsMade).toBe(scoreDealsJob.attempts);
  });
});
