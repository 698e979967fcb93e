/**
 * Suggested points: per-signal weights fitted on the replayed snapshots by a logistic model of
 * "lost", shrunk toward the playbook's points so a small org stays close to the defaults. Printed
 * beside the playbook's points; never applied.
 *
 * The model is logit P(lost) = b + Σ γⱼ·zⱼ, where zⱼ is the signal's points in the snapshot over
 * its playbook points (1 when it fired, the capped count for MISSING_VERIFIER). The playbook's
 * points become logits through one scale s (logits per point, fitted on the playbook score first);
 * each γⱼ has a prior centred on s·pointsⱼ with a standard deviation of PRIOR_POINTS points. Every
 * deal weighs 1, however many snapshots it has, so the data's weight grows with deals, not dates.
 * Suggested points are γⱼ / s, rounded and kept within 0–100.
 */
import { SIGNAL_CODES, type Playbook, type SignalCode } from '../index.js';
import { fitLogistic, type LogisticRow } from './logistic.js';
import type { ScoredSnapshot } from './score-snapshots.js';

/** Prior standard deviation of each signal's points. */
export const PRIOR_POINTS = 10;
/** The scale's floor (logits per point), used when the playbook's score does not rank losses at all. */
const MIN_SCALE = 0.005;

export interface SuggestedSignal {
  code: SignalCode;
  playbook: number;
  suggested: number;
  /** Snapshots and deals in which the signal fired. */
  firedSnapshots: number;
  firedDeals: number;
}

export interface SuggestedPoints {
  /** Logits of "lost" per playbook point. */
  scale: number;
  priorPoints: number;
  deals: number;
  signals: SuggestedSignal[];
}

/** A signal's units in a snapshot: its points over its playbook points. */
function unitsOf(s: ScoredSnapshot, code: SignalCode, playbook: Playbook): number {
  const fired = s.points[code];
  if (fired === undefined) return 0;
  const points = playbook.signals[code].points;
  return points > 0 ? fired / points : 1;
}

/** Each deal weighs 1 in total, shared among its snapshots. */
function dealWeights(snapshots: readonly ScoredSnapshot[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of snapshots) counts.set(s.dealId, (counts.get(s.dealId) ?? 0) + 1);
  return new Map([...counts].map(([id, n]) => [id, 1 / n]));
}

/** The score a snapshot gets with other points per signal: the same signals, the same cap of 100. */
export function scoreWith(s: ScoredSnapshot, points: Readonly<Record<SignalCode, number>>, playbook: Playbook): number {
  let sum = 0;
  for (const code of SIGNAL_CODES) sum += unitsOf(s, code, playbook) * points[code];
  return Math.min(100, sum);
}

/** The playbook's points per signal. */
export function playbookPoints(playbook: Playbook): Record<SignalCode, number> {
  return Object.fromEntries(SIGNAL_CODES.map((code) => [code, playbook.signals[code].points])) as Record<SignalCode, number>;
}

export function suggestPoints(snapshots: readonly ScoredSnapshot[], playbook: Playbook): SuggestedPoints {
  const weights = dealWeights(snapshots);
  const y = (s: ScoredSnapshot): 0 | 1 => (s.outcome === 'lost' ? 1 : 0);
  const scaleFit = fitLogistic(
    snapshots.map((s) => ({ x: [s.score], y: y(s), weight: weights.get(s.dealId)! })),
    // A weak prior keeps the scale finite when the score alone separates the deals.
    { mean: [0], precision: [1] },
  );
  const scale = Math.max(scaleFit.coefficients[0]!, MIN_SCALE);

  // Only signals that fired can be fitted; the others keep their points.
  const fitted = SIGNAL_CODES.filter((code) => snapshots.some((s) => s.points[code] !== undefined));
  const rows: LogisticRow[] = snapshots.map((s) => ({ x: fitted.map((code) => unitsOf(s, code, playbook)), y: y(s), weight: weights.get(s.dealId)! }));
  const precision = 1 / (scale * PRIOR_POINTS) ** 2;
  const fit = fitLogistic(rows, { mean: fitted.map((code) => scale * playbook.signals[code].points), precision: fitted.map(() => precision) });

  const suggested = playbookPoints(playbook);
  fitted.forEach((code, j) => (suggested[code] = Math.round(Math.min(100, Math.max(0, fit.coefficients[j]! / scale)))));
  // Keep the playbook's promises: more time never lowers a score, a Mobilizer never raises it.
  suggested.LOSING_PATTERN = Math.max(suggested.LOSING_PATTERN, suggested.STAGE_STALLED);
  suggested.NO_MOBILIZER = Math.max(suggested.NO_MOBILIZER, suggested.MOBILIZER_DISENGAGED);

  return {
    scale,
    priorPoints: PRIOR_POINTS,
    deals: weights.size,
    signals: SIGNAL_CODES.map((code) => {
      const fired = snapshots.filter((s) => s.points[code] !== undefined);
      return { code, playbook: playbook.signals[code].points, suggested: suggested[code], firedSnapshots: fired.length, firedDeals: new Set(fired.map((s) => s.dealId)).size };
    }),
  };
}
