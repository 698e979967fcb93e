// A run's coverage and level figures: each batch counts its own deals, the finish sums them.
import { describe, expect, it } from 'vitest';
import { coverageLines } from '../../../src/cli/coverage-lines.js';
import { addToCoverage, coverageReport, type ScoredAssessment } from '../../../src/scoring/index.js';
import { emptyBatchResult, mergeBatchResults, type BatchResult } from '../../../src/sync/batch-result.js';
import { runReportSchema } from '../../../src/sync/run-report.js';
import { benchmarks, healthyDeal, playbook, role, scored } from '../scoring/builders.js';

/** What score-batch counts of one batch's scored deals. */
function batchOf(assessments: readonly ScoredAssessment[]): BatchResult {
  const result = emptyBatchResult();
  for (const a of assessments) {
    result.scored += 1;
    result.byLevel[a.level] += 1;
    addToCoverage(result.coverage, a);
  }
  return result;
}

describe('run coverage', () => {
  const profiledWithMobilizer = scored(healthyDeal());
  const unprofiled = scored(healthyDeal('Negotiation/Review', { contactRoles: [role('003A', null), role('003B', null)] }));
  const talkersOnly = scored(healthyDeal('Negotiation/Review', { contactRoles: [role('003G', 'Guide'), role('003F', 'Friend')] }));

  it('when two batches score their deals, then the run sums their coverage as if one batch had scored them all', () => {
    const merged = mergeBatchResults([batchOf([profiledWithMobilizer, unprofiled]), batchOf([talkersOnly])]);
    expect(merged.coverage).toEqual(batchOf([profiledWithMobilizer, unprofiled, talkersOnly]).coverage);
    expect(merged.coverage).toMatchObject({ openDeals: 3, withProfiledContacts: 2, mobilizerAssessed: 2, notAssessed: { NO_MOBILIZER: 1 }, fired: { PROFILES_MISSING: 1, NO_MOBILIZER: 1 } });
  });

  it('when a batch result of an older version carries no coverage, then the others are still summed', () => {
    const old = { ...batchOf([unprofiled]) } as Partial<BatchResult>;
    delete old.coverage;
    expect(mergeBatchResults([old as BatchResult, batchOf([talkersOnly])]).coverage.openDeals).toBe(1);
  });

  it('when the report is stored and printed, then it keeps the levels and coverage, with the verifier fill rates of the plan', () => {
    const pb = playbook();
    const fillRates = { verifiers: { FIRST_MEETING: { code: 'FIRST_MEETING', label: 'a first meeting', kind: 'activity' as const, wonDeals: 40, metDeals: 30, fillRate: 0.75, calibrated: true } } };
    const totals = mergeBatchResults([batchOf([profiledWithMobilizer, unprofiled, talkersOnly])]);
    const report = runReportSchema.parse({
      runId: 'r1', mode: 'full', dryRun: false, asOf: '2026-06-15T12:00:00.000Z', startedAt: '2026-06-15T12:00:00.000Z', finishedAt: '2026-06-15T12:00:05.000Z', durationMs: 5000,
      outcome: 'succeeded', planned: 3, scored: 3, fieldsWritten: 0, unchanged: 0, tasksOpened: 0, tasksCompleted: 0, failures: [], apiCalls: 2, orgDailyUsageAtStart: null,
      byLevel: totals.byLevel,
      coverage: coverageReport(totals.coverage, { ...benchmarks(pb), ...fillRates }),
    });
    const lines = coverageLines(report);
    expect(lines[0]).toMatch(/^ {2}Levels: \d+% High, \d+% Medium, \d+% Low of 3 open deals scored\.$/);
    expect(lines[1]).toBe('  Coverage: 67% of open deals have a profiled contact (2 of 3); Mobilizer coverage judged on 67%; not assessed: NO_MOBILIZER on 1.');
    expect(lines[2]).toBe('  Verifier fill rate among 40 won deals: FIRST_MEETING 75%.');
  });
});
