import type { ScoredAssessment } from './assessment.js';
import type { Benchmarks, VerifierCalibration } from './benchmark-types.js';
import type { SignalCode } from './playbook.js';

/**
 * What the scored open deals show the org records, counted deal by deal. JSON-safe and additive:
 * each batch of a run counts its own deals and the run sums them ({@link addCoverage}).
 */
export interface CoverageCounts {
  openDeals: number;
  /** Open deals with at least one contact whose stakeholder profile is in a group. */
  withProfiledContacts: number;
  /** Open deals whose Mobilizer coverage was judged (a Mobilizer known, or enough contacts profiled). */
  mobilizerAssessed: number;
  /** Open deals each signal fired on, and each signal was not assessed on. */
  fired: Partial<Record<SignalCode, number>>;
  notAssessed: Partial<Record<SignalCode, number>>;
}

/** A run's coverage: the counts of its open deals, and each verifier's fill rate among the won deals of its benchmarks. */
export interface CoverageReport extends CoverageCounts {
  verifiers: VerifierCalibration[];
}

/** Counts of no deals yet. */
export function emptyCoverage(): CoverageCounts {
  return { openDeals: 0, withProfiledContacts: 0, mobilizerAssessed: 0, fired: {}, notAssessed: {} };
}

/** Counts one scored deal. */
export function addToCoverage(counts: CoverageCounts, a: ScoredAssessment): void {
  counts.openDeals += 1;
  if (a.facts.profiledContacts > 0) counts.withProfiledContacts += 1;
  if (!a.facts.notAssessed.some((n) => n.code === 'NO_MOBILIZER')) counts.mobilizerAssessed += 1;
  for (const code of a.codes) counts.fired[code] = (counts.fired[code] ?? 0) + 1;
  for (const { code } of a.facts.notAssessed) counts.notAssessed[code] = (counts.notAssessed[code] ?? 0) + 1;
}

/** Adds `more` (another batch's counts) into `counts`. */
export function addCoverage(counts: CoverageCounts, more: CoverageCounts): void {
  counts.openDeals += more.openDeals;
  counts.withProfiledContacts += more.withProfiledContacts;
  counts.mobilizerAssessed += more.mobilizerAssessed;
  for (const [code, n] of Object.entries(more.fired) as [SignalCode, number][]) counts.fired[code] = (counts.fired[code] ?? 0) + n;
  for (const [code, n] of Object.entries(more.notAssessed) as [SignalCode, number][]) counts.notAssessed[code] = (counts.notAssessed[code] ?? 0) + n;
}

/** The run's report: its deals' counts with the verifier fill rates its benchmarks found (none when it computed none). */
export function coverageReport(counts: CoverageCounts, benchmarks: Pick<Benchmarks, 'verifiers'> | undefined): CoverageReport {
  return { ...counts, verifiers: Object.values(benchmarks?.verifiers ?? {}) };
}
