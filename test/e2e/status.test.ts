import { FlowProducer, Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { scoreDealsJob } from '../../src/queue/catalog.js';
import { RunReportStore } from '../../src/queue/run-reports.js';
import type { RunStatus } from '../../src/queue/run-status.js';
import type { RunReport } from '../../src/sync/run-report.js';
import { runCli } from '../support/cli.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';
import { freePort } from '../support/redis-server.js';

const redis = new RedisFixture();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await redis.cleanup();
});

const finished: RunReport = {
  runId: 'run-nightly-1',
  mode: 'full',
  dryRun: false,
  asOf: '2026-03-01T02:00:00.000Z',
  startedAt: '2026-03-01T02:00:00.000Z',
  finishedAt: '2026-03-01T02:03:10.000Z',
  durationMs: 190_000,
  outcome: 'succeeded',
  planned: 1000,
  scored: 990,
  fieldsWritten: 412,
  unchanged: 870,
  tasksOpened: 14,
  tasksCompleted: 3,
  failures: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', count: 2, firstIds: ['006000000000001AAA', '006000000000002AAA'], message: 'Amount is required' }],
  apiCalls: 31,
  orgDailyUsageAtStart: { used: 18, limit: 15_000 },
};

/**
 * A sync queue with one finished run's report, one run under way (its parent job waiting for two
 * batches, one of them done) and one run waiting for a worker.
 */
async function runsInRedis(prefix: string): Promise<void> {
  const connection = redis.connection();
  await new RunReportStore(connection, prefix).save(finished);
  const batchQueue = uniqueQueueName('status-batches');
  redis.queue(batchQueue, prefix);
  const flows = new FlowProducer({ connection, prefix });
  closers.push(() => flows.close());
  await flows.add({
    name: scoreDealsJob.name,
    queueName: scoreDealsJob.queue,
    data: { runId: 'run-under-way', trigger: 'schedule', mode: 'incremental' },
    children: [0, 1].map((batch) => ({ name: 'batch', queueName: batchQueue, data: { batch }, opts: { jobId: `under-way-${batch}` } })),
  });
  // A worker finishes the first batch only.
  const worker = new Worker(batchQueue, null, { connection: redis.connection(), prefix, autorun: false });
  closers.push(() => worker.close(true));
  const batch = await worker.getNextJob('token');
  await batch.moveToCompleted('ok', 'token', false);
  await redis.queue(scoreDealsJob.queue, prefix).add(scoreDealsJob.name, { runId: 'run-waiting', trigger: 'manual' });
}

describe('dealrisk status', () => {
  it('when a run finished, one is under way and one waits, then --json shows the queue depths, the progress and the report', async () => {
    const prefix = uniqueQueueName('status');
    redis.queue(scoreDealsJob.queue, prefix);
    await runsInRedis(prefix);
    const result = await runCli(['status', '--json'], { REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout) as RunStatus;
    expect(status.version).toBe(1);
    expect(status.queues).toEqual([
      { queue: scoreDealsJob.queue, waiting: 1, active: 0, delayed: 0, prioritized: 0, waitingChildren: 1, failed: 0, completed: 0 },
    ]);
    expect(status.activeRuns).toEqual([
      expect.objectContaining({ runId: 'run-under-way', state: 'waiting-children', trigger: 'schedule', mode: 'incremental', batches: { done: 1, total: 2 } }),
    ]);
    expect(status.lastRuns).toEqual([finished]);

    const text = await runCli(['status'], { REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('run run-under-way (incremental, schedule): 1 of 2 batches done');
    expect(text.stdout).toContain('2026-03-01T02:03:10.000Z  full  succeeded  run run-nightly-1, 190.0 s');
    expect(text.stdout).toContain('planned 1000, scored 990, 412 fields written, 870 unchanged, tasks 14 opened / 3 completed');
    expect(text.stdout).toContain('2 refused (FIELD_CUSTOM_VALIDATION_EXCEPTION 2, first 006000000000001AAA 006000000000002AAA); 31 API calls; org at 18/15000');
  });

  it('when nothing ever ran, then status says so and exits 0', async () => {
    const prefix = uniqueQueueName('status-empty');
    const result = await runCli(['status'], { REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Runs under way:\n  none\n');
    expect(result.stdout).toContain('Last runs (newest first):\n  none yet\n');
  });

  it('when Redis does not answer, then status says so in one line and exits 1', async () => {
    const port = await freePort();
    const result = await runCli(['status', '--json'], { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^dealrisk: no Redis answers at 127\\.0\\.0\\.1:${port} .*\\n$`));
  });
});
