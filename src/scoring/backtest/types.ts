/**
 * Input of the backtest: closed deals with the dated rows a replay needs. They extend the scoring
 * core's input (so a snapshot is an ordinary OpportunityInput) with what the core does not read:
 * when each contact role was added and the forecast category each history row recorded.
 */
import type { ContactRoleInput, OpportunityHistoryRow, OpportunityInput } from '../types.js';

/** An `OpportunityHistory` row with the forecast category it recorded (API value: Pipeline, BestCase, Commit, Closed, Omitted). */
export interface BacktestHistoryRow extends OpportunityHistoryRow {
  ForecastCategory?: string | null;
}

/** A contact role with when it was added. */
export interface DatedContactRole extends ContactRoleInput {
  CreatedDate: string;
}

/** A closed Opportunity with every related row, as read today. */
export interface BacktestDeal extends OpportunityInput {
  history: readonly BacktestHistoryRow[];
  contactRoles: readonly DatedContactRole[];
}

export type Outcome = 'won' | 'lost';

/** A deal as it stood at one snapshot date, with the outcome it went on to have. */
export interface DealSnapshot {
  dealId: string;
  /** The snapshot date D (epoch ms). */
  atMs: number;
  /** The deal rebuilt from rows that existed at D only: the scoring core's input. */
  opportunity: OpportunityInput;
  outcome: Outcome;
  /** When the deal closed (epoch ms). */
  closedAtMs: number;
  /** Whole days from D to the close. */
  daysToClose: number;
  /** Amount, stage Probability and forecast category as they stood at D (from OpportunityHistory). */
  amount: number | null;
  probability: number | null;
  forecastCategory: string | null;
}
