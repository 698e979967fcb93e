/**
 * The org's own forecast fields as risk scores, so the report can set dealrisk's score beside
 * them: the stage Probability and the forecast category as they stood at D.
 */
import type { Labelled } from './auc.js';
import type { ScoredSnapshot } from './score-snapshots.js';

/** Risk rank of each forecast category (API values; Commit is `Forecast` on the wire): the further from the forecast, the riskier. */
const FORECAST_RISK: Readonly<Record<string, number>> = { Forecast: 0, Commit: 0, BestCase: 1, 'Best Case': 1, Pipeline: 2, Omitted: 3 };

export type Baseline = 'score' | 'probability' | 'forecastCategory';

/** A snapshot's risk by one measure; undefined when the org's field was empty at D. */
export function riskBy(baseline: Baseline, s: ScoredSnapshot): number | undefined {
  if (baseline === 'score') return s.score;
  if (baseline === 'probability') return s.probability === null ? undefined : 100 - s.probability;
  return s.forecastCategory === null ? undefined : FORECAST_RISK[s.forecastCategory];
}

/** Snapshots as labelled risks by one measure, grouped by deal (for the bootstrap); empty fields are left out. */
export function labelledByDeal(snapshots: readonly ScoredSnapshot[], baseline: Baseline): Labelled[][] {
  const groups = new Map<string, Labelled[]>();
  for (const s of snapshots) {
    const score = riskBy(baseline, s);
    if (score === undefined) continue;
    let group = groups.get(s.dealId);
    if (!group) groups.set(s.dealId, (group = []));
    group.push({ score, lost: s.outcome === 'lost' });
  }
  return [...groups.values()];
}
