import type { RiskLevel, SignalCode } from '../scoring/index.js';
import type { ScoreRunSummary } from './score-open-deals.js';

/** How many refused records a run result lists (all are logged). */
const MAX_LISTED_FAILURES = 100;

/**
 * What a scoring run reports, small enough to keep as the job's result in Redis and plain enough
 * for `dealrisk status`, the dashboard and the demo report. No secrets, no full records.
 */
export interface ScoreRunResult {
  scored: number;
  written: number;
  byLevel: Record<RiskLevel, number>;
  failureCount: number;
  failures: { id: string; errorCode: string | undefined; message: string | undefined }[];
  benchmarks: {
    windowStart: string;
    wonDeals: number;
    lostDeals: number;
    cycleLoseWinRatio: number | null;
    stages: {
      stage: string;
      days: number;
      source: 'org' | 'playbook';
      wonMedianDays: number | null;
      lostMedianDays: number | null;
      loseWinRatio: number | null;
      stalledDays: number;
      losingDays: number;
    }[];
  };
  riskiest: { id: string; name: string; score: number; level: RiskLevel; reasons: string[] }[];
  /** What the org records: open deals with profiled contacts, and each verifier's fill rate among won deals. */
  coverage: {
    openDeals: number;
    withProfiledContacts: number;
    mobilizerAssessed: number;
    verifiers: { code: string; wonDeals: number; fillRate: number | null; calibrated: boolean }[];
    fired: Partial<Record<SignalCode, number>>;
    notAssessed: Partial<Record<SignalCode, number>>;
  };
}

/** The small, JSON-safe result of a run: counts, the first refused records, benchmarks and the riskiest deals. */
export function toRunResult(summary: ScoreRunSummary): ScoreRunResult {
  const { benchmarks } = summary;
  return {
    scored: summary.scored,
    written: summary.written,
    byLevel: summary.byLevel,
    failureCount: summary.failures.length,
    failures: summary.failures.slice(0, MAX_LISTED_FAILURES).map((f) => ({ id: f.id, errorCode: f.errorCode, message: f.message })),
    benchmarks: {
      windowStart: benchmarks.windowStart,
      wonDeals: benchmarks.cycle.wonDeals,
      lostDeals: benchmarks.cycle.lostDeals,
      cycleLoseWinRatio: benchmarks.cycle.loseWinRatio,
      stages: Object.values(benchmarks.stages).map((s) => ({
        stage: s.stage,
        days: s.days,
        source: s.source,
        wonMedianDays: s.wonMedianDays,
        lostMedianDays: s.lostMedianDays,
        loseWinRatio: s.loseWinRatio,
        stalledDays: s.stalledDays,
        losingDays: s.losingDays,
      })),
    },
    riskiest: summary.riskiest.map((a) => ({ id: a.opportunityId, name: a.opportunityName, score: a.score, level: a.level, reasons: a.reasons })),
    coverage: {
      openDeals: summary.coverage.openDeals,
      withProfiledContacts: summary.coverage.withProfiledContacts,
      mobilizerAssessed: summary.coverage.mobilizerAssessed,
      verifiers: summary.coverage.verifiers.map((v) => ({ code: v.code, wonDeals: v.wonDeals, fillRate: v.fillRate, calibrated: v.calibrated })),
      fired: summary.coverage.fired,
      notAssessed: summary.coverage.notAssessed,
    },
  };
}
