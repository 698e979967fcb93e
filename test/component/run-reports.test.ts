import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { KEPT_RUN_REPORTS, RunReportStore } from '../../src/queue/run-reports.js';
import type { RunReport } from '../../src/sync/run-report.js';
import { RedisFixture } from '../support/redis.js';

const redis = new RedisFixture();
const prefixes: string[] = [];

/** A store under a prefix no other test uses. */
function store(): RunReportStore {
  const prefix = `dealrisk-test-reports-${randomUUID().slice(0, 8)}`;
  prefixes.push(prefix);
  return new RunReportStore(redis.connection(), prefix);
}

afterEach(async () => {
  const connection = redis.connection();
  for (const prefix of prefixes.splice(0)) await connection.del(`${prefix}:run-reports`, `${prefix}:run-reports:by-finish`);
  await redis.cleanup();
});

/** A report of a run that finished `minute` minutes after 02:00 UTC on 1 March 2026. */
function report(minute: number, extra: Partial<RunReport> = {}): RunReport {
  const finishedAt = new Date(Date.UTC(2026, 2, 1, 2, minute));
  return {
    runId: `run-${minute}`,
    mode: 'full',
    dryRun: false,
    asOf: '2026-03-01T02:00:00.000Z',
    startedAt: '2026-03-01T02:00:00.000Z',
    finishedAt: finishedAt.toISOString(),
    durationMs: minute * 60_000,
    outcome: 'succeeded',
    planned: 10,
    scored: 10,
    fieldsWritten: 40,
    unchanged: 0,
    tasksOpened: 3,
    tasksCompleted: 1,
    failures: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', count: 2, firstIds: ['006000000000001AAA', '006000000000002AAA'], message: 'Amount is required' }],
    apiCalls: 12,
    orgDailyUsageAtStart: { used: 18, limit: 15_000 },
    ...extra,
  };
}

describe('run reports in Redis', () => {
  it('when reports are saved, then latest(n) gives the n most recently finished, newest first, as saved', async () => {
    const reports = store();
    await reports.save(report(2));
    await reports.save(report(1));
    await reports.save(report(3));
    expect((await reports.latest(2)).map((r) => r.runId)).toEqual(['run-3', 'run-2']);
    expect((await reports.latest(10))[2]).toEqual(report(1));
  });

  it('when a finish job saves its report twice, then the run is listed once, with the later report', async () => {
    const reports = store();
    await reports.save(report(1));
    await reports.save(report(1, { outcome: 'failed' }));
    const latest = await reports.latest(10);
    expect(latest).toHaveLength(1);
    expect(latest[0]!.outcome).toBe('failed');
  });

  it(`when more than ${KEPT_RUN_REPORTS} runs are saved, then only the last ${KEPT_RUN_REPORTS} are kept`, async () => {
    const reports = store();
    for (let minute = 0; minute < KEPT_RUN_REPORTS + 5; minute += 1) await reports.save(report(minute));
    const latest = await reports.latest(1000);
    expect(latest).toHaveLength(KEPT_RUN_REPORTS);
    expect(latest.at(-1)!.runId).toBe('run-5');
    const [prefix] = prefixes;
    expect(await redis.connection().hlen(`${prefix}:run-reports`)).toBe(KEPT_RUN_REPORTS);
  });

  it('when a report is not one, then save refuses it naming the field', async () => {
    await expect(store().save({ ...report(1), outcome: 'maybe' } as unknown as RunReport)).rejects.toThrow(/outcome/);
  });

  it('when nothing ran yet, then there are no reports', async () => {
    expect(await store().latest(5)).toEqual([]);
  });
});
