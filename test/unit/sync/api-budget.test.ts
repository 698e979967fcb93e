import { describe, expect, it } from 'vitest';
import { DEFAULT_API_BUDGET, mayStart, percentOf, runMustStop, runSpend } from '../../../src/sync/api-budget.js';
import { runMode } from '../../../src/sync/plan-run.js';

describe('the API budget guard', () => {
  it('when the org has used less than 80% of its allowance, then a run starts; at 80% or more it does not', () => {
    expect(mayStart({ used: 79_999, limit: 100_000 }, DEFAULT_API_BUDGET)).toBe(true);
    expect(mayStart({ used: 80_000, limit: 100_000 }, DEFAULT_API_BUDGET)).toBe(false);
    expect(mayStart({ used: 100_000, limit: 100_000 }, DEFAULT_API_BUDGET)).toBe(false);
    expect(mayStart({ used: 0, limit: 100_000 }, { ...DEFAULT_API_BUDGET, startLimitPercent: 1 })).toBe(true);
  });

  it('when the org is allowed no calls at all, then no run starts and a running one stops', () => {
    expect(mayStart({ used: 0, limit: 0 }, DEFAULT_API_BUDGET)).toBe(false);
    expect(runMustStop(0, 0, 25)).toBe(true);
    expect(percentOf(0, 0)).toBe(100);
  });

  it('when the run has used less than 25% of the allowance, then it goes on; at 25% it stops', () => {
    expect(runMustStop(24_999, 100_000, 25)).toBe(false);
    expect(runMustStop(25_000, 100_000, 25)).toBe(true);
    expect(runMustStop(250, 1000, 25)).toBe(true);
    expect(runMustStop(249, 1000, 25)).toBe(false);
  });

  it("when the org's usage rose since the plan, then the run's spend is the rise, in calls and percent of the allowance", () => {
    expect(runSpend({ startUsed: 18_000, seenUsed: 21_337, limit: 100_000 })).toEqual({ calls: 3337, share: 3.3 });
  });

  it('when calls rolled out of the 24-hour window so usage fell below the start, then the run spent nothing (not less)', () => {
    expect(runSpend({ startUsed: 500, seenUsed: 420, limit: 1000 })).toEqual({ calls: 0, share: 0 });
  });
});

describe('runMode', () => {
  it('when an incremental run has a watermark, then it runs incremental; without one, or while a paused full run is owed, it runs full', () => {
    expect(runMode('incremental', '2026-03-01T02:00:00.000Z')).toBe('incremental');
    expect(runMode('incremental', undefined)).toBe('full');
    expect(runMode('incremental', '2026-03-01T02:00:00.000Z', true)).toBe('full');
    expect(runMode('full', '2026-03-01T02:00:00.000Z')).toBe('full');
  });
});
