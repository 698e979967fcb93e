/**
 * The backtest report: every metric of the replayed snapshots, per horizon and per stage, with
 * the org's own forecast fields as baselines and the suggested points. Pure and JSON-safe; the
 * shape is documented in docs/backtest.md.
 */
import type { Playbook, SignalCode } from '../index.js';
import { bootstrapAuc, rocAuc, rocCurve, type AucEstimate, type Labelled, type RocPoint } from './auc.js';
import { labelledByDeal } from './baselines.js';
import { atHorizon } from './horizons.js';
import type { ScoredSnapshot } from './score-snapshots.js';
import { playbookPoints, scoreWith, suggestPoints, type SuggestedPoints } from './suggest-points.js';
import { falseAlarms, leadTime, type FalseAlarms, type LeadTime } from './timing.js';
import { levelWinRates, signalLifts, type LevelWinRates, type SignalLift } from './win-rates.js';

export interface BacktestOptions {
  months: number;
  everyDays: number;
  horizons: readonly number[];
  /** The snapshot dates replayed (epoch ms, oldest first). */
  dates: readonly number[];
  /** Bootstrap rounds for each interval. */
  rounds?: number;
}

/** How one measure ranks deals: dealrisk's score, or a baseline from the org's fields. */
export interface RankingQuality {
  score: AucEstimate;
  probability: AucEstimate;
  forecastCategory: AucEstimate;
}

export interface StageReport extends RankingQuality {
  stage: string;
  deals: number;
  won: number;
  lost: number;
  levels: LevelWinRates;
}

export interface HorizonReport extends RankingQuality {
  /** Deals scored this many days before they closed. */
  days: number;
  deals: number;
  won: number;
  lost: number;
  levels: LevelWinRates;
  signals: SignalLift[];
  stages: StageReport[];
  /** ROC curve of the score (for the HTML chart). */
  roc: RocPoint[];
  /** AUC of the playbook's points and of the suggested points on these snapshots (in-sample). */
  suggestedAuc: { playbook: number | null; suggested: number | null };
}

export interface BacktestReport {
  window: { from: string; to: string; months: number; everyDays: number; snapshotDates: number };
  /** Closed deals open at one snapshot date at least, with their outcomes, and the snapshots scored. */
  deals: { replayed: number; won: number; lost: number; snapshots: number };
  horizons: HorizonReport[];
  leadTime: LeadTime;
  falseAlarms: FalseAlarms;
  suggestedPoints: SuggestedPoints;
}

function quality(snapshots: readonly ScoredSnapshot[], rounds: number): RankingQuality {
  return {
    score: bootstrapAuc(labelledByDeal(snapshots, 'score'), rounds),
    probability: bootstrapAuc(labelledByDeal(snapshots, 'probability'), rounds),
    forecastCategory: bootstrapAuc(labelledByDeal(snapshots, 'forecastCategory'), rounds),
  };
}

function outcomes(snapshots: readonly ScoredSnapshot[]): { deals: number; won: number; lost: number } {
  const won = snapshots.filter((s) => s.outcome === 'won').length;
  return { deals: snapshots.length, won, lost: snapshots.length - won };
}

function stageReports(snapshots: readonly ScoredSnapshot[], playbook: Playbook, rounds: number): StageReport[] {
  const order = playbook.stages.open.map((s) => s.name);
  const stages = [...new Set(snapshots.map((s) => s.stage))].sort((a, b) => (order.indexOf(a) + 1 || Infinity) - (order.indexOf(b) + 1 || Infinity));
  return stages.map((stage) => {
    const of = snapshots.filter((s) => s.stage === stage);
    return { stage, ...outcomes(of), ...quality(of, rounds), levels: levelWinRates(of) };
  });
}

function aucWith(snapshots: readonly ScoredSnapshot[], points: Readonly<Record<SignalCode, number>>, playbook: Playbook): number | null {
  return rocAuc(snapshots.map((s): Labelled => ({ score: scoreWith(s, points, playbook), lost: s.outcome === 'lost' })));
}

export function buildBacktestReport(snapshots: readonly ScoredSnapshot[], playbook: Playbook, options: BacktestOptions): BacktestReport {
  const rounds = options.rounds ?? 1000;
  const suggestedPoints = suggestPoints(snapshots, playbook);
  const suggested = Object.fromEntries(suggestedPoints.signals.map((s) => [s.code, s.suggested])) as Record<SignalCode, number>;
  const current = playbookPoints(playbook);
  const horizons = options.horizons.map((days): HorizonReport => {
    const at = atHorizon(snapshots, days, options.everyDays);
    return {
      days,
      ...outcomes(at),
      ...quality(at, rounds),
      levels: levelWinRates(at),
      signals: signalLifts(at),
      stages: stageReports(at, playbook, rounds),
      roc: rocCurve(at.map((s) => ({ score: s.score, lost: s.outcome === 'lost' }))),
      suggestedAuc: { playbook: aucWith(at, current, playbook), suggested: aucWith(at, suggested, playbook) },
    };
  });
  const replayed = new Map(snapshots.map((s) => [s.dealId, s.outcome]));
  const won = [...replayed.values()].filter((o) => o === 'won').length;
  const dates = options.dates;
  return {
    window: {
      from: new Date(dates[0] ?? NaN).toISOString(),
      to: new Date(dates[dates.length - 1] ?? NaN).toISOString(),
      months: options.months,
      everyDays: options.everyDays,
      snapshotDates: dates.length,
    },
    deals: { replayed: replayed.size, won, lost: replayed.size - won, snapshots: snapshots.length },
    horizons,
    leadTime: leadTime(snapshots),
    falseAlarms: falseAlarms(snapshots),
    suggestedPoints,
  };
}
