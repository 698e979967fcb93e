import type { ScoredAssessment } from './assessment.js';
import type { Benchmarks, VerifierCalibration } from './benchmark-types.js';
import type { SignalCode } from './playbook.js';

/** What a run found the org records, so admins see which inputs to fill in. */
export interface CoverageReport {
  openDeals: number;
  /** Open deals with at least one contact whose stakeholder profile is in a group. */
  withProfiledContacts: number;
  /** Open deals whose Mobilizer coverage was judged (a Mobilizer known, or enough contacts profiled). */
  mobilizerAssessed: number;
  /** Each verifier's fill rate among the won deals of the benchmark window. */
  verifiers: VerifierCalibration[];
  /** Open deals each signal fired on, and each signal was not assessed on. */
  fired: Partial<Record<SignalCode, number>>;
  notAssessed: Partial<Record<SignalCode, number>>;
}

/** An empty report for a run, with the verifier fill rates its benchmarks found. */
export function startCoverage(benchmarks: Benchmarks): CoverageReport {
  return { openDeals: 0, withProfiledContacts: 0, mobilizerAssessed: 0, verifiers: Object.values(benchmarks.verifiers ?? {}), fired: {}, notAssessed: {} };
}

/** Counts one scored deal into the report. */
export function addToCoverage(report: CoverageReport, a: ScoredAssessment): void {
  report.openDeals += 1;
  if (a.facts.profiledContacts > 0) report.withProfiledContacts += 1;
  if (!a.facts.notAssessed.some((n) => n.code === 'NO_MOBILIZER')) report.mobilizerAssessed += 1;
  for (const code of a.codes) report.fired[code] = (report.fired[code] ?? 0) + 1;
  for (const { code } of a.facts.notAssessed) report.notAssessed[code] = (report.notAssessed[code] ?? 0) + 1;
}
