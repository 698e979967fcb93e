import { Worker, type Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { scoreDealsJob } from '../../src/queue/catalog.js';
import { runCli } from '../support/cli.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';
import { freePort } from '../support/redis-server.js';

const redis = new RedisFixture();
const workers: Worker[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.close(true);
  await redis.cleanup();
});

/** The settings of a CLI with queues of its own; the queue is obliterated after the test. */
function isolated(): { env: Record<string, string>; prefix: string } {
  const prefix = uniqueQueueName('schedule');
  redis.queue(scoreDealsJob.queue, prefix);
  return { env: { REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' }, prefix };
}

/** The hour and minute a time shows on the clock of `tz`. */
function clockIn(at: Date, tz: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

describe('dealrisk schedule', () => {
  it('when a nightly schedule is set with --cron and --tz, then schedule list shows its next run at 02:00 on that zone\'s clock', async () => {
    const { env } = isolated();
    const set = await runCli(['schedule', 'set', 'nightly', '--cron', '0 2 * * *', '--tz', 'America/New_York'], env);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/^Schedule nightly: full sync at "0 2 \* \* \*" \(America\/New_York\); next run \d{4}-\d\d-\d\d 02:00:00 America\/New_York \(.+Z\)\.\n$/);

    const incremental = await runCli(['schedule', 'set', 'quarter-hourly', '--cron', '*/15 * * * *', '--mode', 'incremental'], env);
    expect(incremental.code).toBe(0);

    const list = await runCli(['schedule', 'list'], env);
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+MODE\s+CRON\s+TIME ZONE\s+NEXT RUN$/);
    const nightly = lines.find((line) => line.startsWith('nightly'));
    expect(nightly).toMatch(/^nightly\s+full\s+0 2 \* \* \*\s+America\/New_York\s+\d{4}-\d\d-\d\d 02:00:00 America\/New_York \((\S+)\)$/);
    const next = new Date(/\((\S+)\)$/.exec(nightly!)![1]!);
    expect(clockIn(next, 'America/New_York')).toBe('02:00');
    expect(next.getTime()).toBeGreaterThan(Date.now());
    // The next 02:00 in New York is at most a day away, plus an hour on the night clocks go back.
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3600 * 1000);
    expect(lines.find((line) => line.startsWith('quarter-hourly'))).toMatch(/^quarter-hourly\s+incremental\s+\*\/15 \* \* \* \*\s+UTC\s+/);
    // Soonest first: the quarter-hourly run comes before the nightly one.
    expect(lines.findIndex((line) => line.startsWith('quarter-hourly'))).toBe(1);
  });

  it('when a schedule is set again under its name, then it is replaced, not doubled', async () => {
    const { env } = isolated();
    await runCli(['schedule', 'set', 'nightly', '--cron', '0 2 * * *'], env);
    await runCli(['schedule', 'set', 'nightly', '--cron', '30 3 * * *', '--mode', 'incremental'], env);
    const list = await runCli(['schedule', 'list'], env);
    const rows = list.stdout.trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^nightly\s+incremental\s+30 3 \* \* \*\s+UTC\s+\d{4}-\d\d-\d\d 03:30:00 UTC/);
  });

  it('when a schedule is removed, then list no longer shows it, and removing it again exits 1', async () => {
    const { env } = isolated();
    await runCli(['schedule', 'set', 'nightly', '--cron', '0 2 * * *'], env);
    expect(await runCli(['schedule', 'remove', 'nightly'], env)).toMatchObject({ code: 0, stdout: 'Removed schedule nightly.\n' });
    expect((await runCli(['schedule', 'list'], env)).stdout).toMatch(/^No schedules\./);
    expect(await runCli(['schedule', 'remove', 'nightly'], env)).toMatchObject({ code: 1, stderr: 'dealrisk: no schedule named "nightly" (dealrisk schedule list shows them)\n' });
  });

  it.each([
    [['--cron', '0 25 * * *'], '--cron: "0 25 * * *" is not a cron pattern'],
    [['--cron', '0 2 * * *', '--tz', 'Mars/Olympus'], '--tz: expected an IANA time zone'],
    [['--cron', '0 2 * * *', '--mode', 'sometimes'], '--mode: expected full or incremental, got "sometimes"'],
  ])('when set with %j, then it exits 2 naming the flag, and nothing is scheduled', async (flags, message) => {
    const { env } = isolated();
    const result = await runCli(['schedule', 'set', 'nightly', ...flags], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect((await runCli(['schedule', 'list'], env)).stdout).toMatch(/^No schedules\./);
  });

  it('when a schedule fires every second, then its runs land in the sync queue as scheduled sync jobs', async () => {
    const { env, prefix } = isolated();
    const set = await runCli(['schedule', 'set', 'fast', '--cron', '* * * * * *', '--mode', 'incremental'], env);
    expect(set.code).toBe(0);
    // A worker of the sync queue takes what lands there; BullMQ adds each next run as the last one is taken.
    const taken: Job[] = [];
    const twoRuns = new Promise<void>((resolve) => {
      const worker = new Worker(
        scoreDealsJob.queue,
        async (job) => {
          taken.push(job);
          if (taken.length === 2) resolve();
        },
        { connection: redis.connection(), prefix },
      );
      workers.push(worker);
    });
    await twoRuns;
    expect(taken.map((job) => job.name)).toEqual([scoreDealsJob.name, scoreDealsJob.name]);
    expect(taken[0]!.data).toMatchObject({ trigger: 'schedule', mode: 'incremental' });
    expect(taken[0]!.opts.attempts).toBe(scoreDealsJob.attempts);
    expect(taken[1]!.timestamp).toBeGreaterThan(taken[0]!.timestamp);
  });

  it('when Redis does not answer, then schedule list says so in one line and exits 1', async () => {
    const port = await freePort();
    const result = await runCli(['schedule', 'list'], { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^dealrisk: no Redis answers at 127\\.0\\.0\\.1:${port} .*\\n$`));
  });
});
