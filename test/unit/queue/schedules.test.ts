import { describe, expect, it } from 'vitest';
import { checkScheduleRequest, runIdOf, wallClock } from '../../../src/queue/schedules.js';

describe('runIdOf', () => {
  it('when a scheduler added the job, then the run id carries the time it was due, the same for the same iteration', () => {
    const payload = { runId: 'schedule-nightly', trigger: 'schedule' };
    expect(runIdOf(payload, { id: 'repeat:nightly:1796173200000', timestamp: 1 })).toBe('schedule-nightly-1796173200000');
    expect(runIdOf(payload, { id: 'repeat:nightly:1796259600000', timestamp: 1 })).toBe('schedule-nightly-1796259600000');
  });

  it('when a run was asked for by hand, then its own run id stays', () => {
    expect(runIdOf({ runId: '4f6c2a', trigger: 'manual' }, { id: '7', timestamp: 1 })).toBe('4f6c2a');
  });
});

describe('checkScheduleRequest', () => {
  it('when name, zone and mode are all bad, then each is named', () => {
    expect(() => checkScheduleRequest({ name: 'night ly', cron: '0 2 * * *', tz: 'Nowhere/City', mode: 'often' as 'full' })).toThrow(
      /<name>: .*\n {2}--tz: .*\n {2}--mode: expected full or incremental, got "often"/,
    );
  });
});

describe('wallClock', () => {
  it("when a UTC instant is shown in a zone, then it reads as that zone's clock, daylight saving included", () => {
    expect(wallClock(new Date('2026-07-01T00:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01 02:00:00');
    expect(wallClock(new Date('2026-12-01T01:00:00Z'), 'Europe/Berlin')).toBe('2026-12-01 02:00:00');
  });
});
