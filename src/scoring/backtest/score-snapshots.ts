import { assessOpportunity, computeBenchmarks, type ClosedDealInput, type Playbook, type RiskLevel, type SignalCode } from '../index.js';
import { closedBy, closedStagesOf, prepareClosed, prepareDeal, snapshotAt, type PreparedClosed, type PreparedDeal } from './replay.js';
import type { BacktestDeal, DealSnapshot } from './types.js';

/** A snapshot scored with the current playbook: what dealrisk would have said at D. */
export interface ScoredSnapshot extends Omit<DealSnapshot, 'opportunity'> {
  stage: string;
  score: number;
  level: RiskLevel;
  /** Points of each signal that fired. */
  points: Partial<Record<SignalCode, number>>;
}

/**
 * Scores every deal open at `atMs` as it stood then, with benchmarks from the deals closed by
 * then (the benchmarks a run at D would have computed; `benchmarkOnly` deals count there too)
 * and D as the scoring clock.
 */
export function scoreSnapshotsAt(deals: readonly PreparedDeal[], playbook: Playbook, atMs: number, benchmarkOnly: readonly PreparedClosed[] = []): ScoredSnapshot[] {
  const closedStages = closedStagesOf(playbook);
  const now = new Date(atMs);
  const benchmarks = computeBenchmarks([...closedBy(deals, atMs), ...closedBy(benchmarkOnly, atMs)], playbook, now);
  const scored: ScoredSnapshot[] = [];
  for (const deal of deals) {
    const snapshot = snapshotAt(deal, atMs, closedStages);
    if (!snapshot) continue;
    const assessment = assessOpportunity(snapshot.opportunity, playbook, benchmarks, now);
    if (assessment.status !== 'scored') continue;
    const { opportunity, ...facts } = snapshot;
    const points: Partial<Record<SignalCode, number>> = {};
    for (const signal of assessment.signals) points[signal.code] = signal.points;
    scored.push({ ...facts, stage: opportunity.StageName, score: assessment.score, level: assessment.level, points });
  }
  return scored;
}

export interface ReplayOptions {
  /** Deals closed before the first date: they feed the benchmarks and are never replayed. */
  benchmarkOnly?: readonly ClosedDealInput[];
  /** Hears of each date done (for progress on long replays). */
  onDate?: (done: number, total: number, atMs: number) => void;
}

/** Replays closed deals at every date: the deals are prepared once, then scored as they stood at each date. */
export function replayDeals(deals: readonly BacktestDeal[], playbook: Playbook, dates: readonly number[], options: ReplayOptions = {}): ScoredSnapshot[] {
  const closedStages = closedStagesOf(playbook);
  const prepared = deals.map((deal) => prepareDeal(deal, closedStages)).filter((p): p is PreparedDeal => p !== undefined);
  const benchmarkOnly = (options.benchmarkOnly ?? []).map((deal) => prepareClosed(deal, closedStages)).filter((p): p is PreparedClosed => p !== undefined);
  const snapshots: ScoredSnapshot[] = [];
  dates.forEach((atMs, i) => {
    snapshots.push(...scoreSnapshotsAt(prepared, playbook, atMs, benchmarkOnly));
    options.onDate?.(i + 1, dates.length, atMs);
  });
  return snapshots;
}
