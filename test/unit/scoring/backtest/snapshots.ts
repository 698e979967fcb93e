// Scored snapshots made by hand, for metric tests that state every number.
import type { ScoredSnapshot } from '../../../../src/scoring/backtest/score-snapshots.js';
import type { RiskLevel, SignalCode } from '../../../../src/scoring/index.js';

export function snap(
  dealId: string,
  outcome: 'won' | 'lost',
  facts: { score?: number; level?: RiskLevel; amount?: number; daysToClose?: number; atMs?: number; points?: Partial<Record<SignalCode, number>>; probability?: number | null; forecastCategory?: string | null; stage?: string } = {},
): ScoredSnapshot {
  return {
    dealId,
    outcome,
    atMs: facts.atMs ?? 0,
    closedAtMs: 0,
    daysToClose: facts.daysToClose ?? 30,
    amount: facts.amount ?? 1000,
    probability: facts.probability ?? null,
    forecastCategory: facts.forecastCategory ?? null,
    stage: facts.stage ?? 'Qualification',
    score: facts.score ?? 0,
    level: facts.level ?? 'Low',
    points: facts.points ?? {},
  };
}
