/**
 * ROC AUC of a risk score for telling lost deals from won ones: the chance that a lost deal
 * scores above a won one, ties counting half (the Mann–Whitney statistic).
 */
import { seededRandom } from './random.js';

/** A risk score and whether its deal was lost (the positive class). */
export interface Labelled {
  score: number;
  lost: boolean;
}

/** An AUC with its bootstrap interval, or why there is none. */
export type AucEstimate =
  | { value: number; low: number; high: number; won: number; lost: number }
  | { value: null; reason: string; won: number; lost: number };

function counts(items: readonly Labelled[]): { won: number; lost: number } {
  let lost = 0;
  for (const item of items) if (item.lost) lost++;
  return { won: items.length - lost, lost };
}

/** Why an AUC cannot be computed, or undefined when it can. */
export function oneClassReason(won: number, lost: number): string | undefined {
  if (won > 0 && lost > 0) return undefined;
  return `AUC needs both won and lost deals; got ${won} won and ${lost} lost`;
}

/** The AUC, or null when the items hold only one class. */
export function rocAuc(items: readonly Labelled[]): number | null {
  const { won, lost } = counts(items);
  if (won === 0 || lost === 0) return null;
  const sorted = [...items].sort((a, b) => a.score - b.score);
  let lostRankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    // Tied scores share the mean of ranks i+1..j.
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (sorted[k]!.lost) lostRankSum += rank;
    i = j;
  }
  return (lostRankSum - (lost * (lost + 1)) / 2) / (lost * won);
}

/** A point of the ROC curve: the share of lost (tpr) and won (fpr) deals at or above a score. */
export interface RocPoint {
  /** The lowest score counted as flagged; null for the first point, above every score. */
  threshold: number | null;
  fpr: number;
  tpr: number;
}

/** The ROC curve from (0,0) to (1,1), one point per distinct score, highest first. */
export function rocCurve(items: readonly Labelled[]): RocPoint[] {
  const { won, lost } = counts(items);
  if (won === 0 || lost === 0) return [];
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const points: RocPoint[] = [{ threshold: null, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; ) {
    const score = sorted[i]!.score;
    for (; i < sorted.length && sorted[i]!.score === score; i++) {
      if (sorted[i]!.lost) tp++;
      else fp++;
    }
    points.push({ threshold: score, fpr: fp / won, tpr: tp / lost });
  }
  return points;
}

/**
 * The AUC with a 95% percentile bootstrap interval, resampling deals (each group is one deal's
 * items), not snapshots, so a deal seen at many dates does not narrow the interval. Seeded, so
 * the same input gives the same interval.
 */
export function bootstrapAuc(groups: readonly (readonly Labelled[])[], rounds = 1000, seed = 1): AucEstimate {
  const all = groups.flat();
  const { won, lost } = counts(all);
  const value = rocAuc(all);
  if (value === null) return { value: null, reason: oneClassReason(won, lost)!, won, lost };
  const random = seededRandom(seed);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const sample: Labelled[] = [];
    for (let i = 0; i < groups.length; i++) sample.push(...groups[Math.floor(random() * groups.length)]!);
    const auc = rocAuc(sample);
    if (auc !== null) samples.push(auc);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.max(0, Math.round(q * (samples.length - 1))))] ?? value;
  return { value, low: at(0.025), high: at(0.975), won, lost };
}
