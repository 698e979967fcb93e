import type { Mapping } from '../mapping/mapping-schema.js';
import type { DealRepository } from '../salesforce/deal-repository.js';
import { buildBacktestReport, replayDeals, snapshotDates, type BacktestReport } from '../scoring/backtest/index.js';
import type { Playbook } from '../scoring/index.js';
import { dealQueryOptions } from './score-open-deals.js';

const DAY_MS = 86_400_000;

export interface BacktestRunOptions {
  deals: DealRepository;
  playbook: Playbook;
  mapping: Mapping;
  now: Date;
  months: number;
  everyDays: number;
  horizons: readonly number[];
  /** Hears of each snapshot date replayed. */
  onProgress?: (done: number, total: number, atMs: number) => void;
}

/** The report, and what it cost and could not replay. */
export interface BacktestRun {
  report: BacktestReport;
  /** Closed deals read (those closed before the window feed the benchmarks only). */
  closedDealsRead: number;
  /** Salesforce API calls the backtest made. */
  apiCalls: number;
  /** What has no history in the org, so the replay takes it as it is today (it can leak the outcome). */
  takenAsToday: string[];
}

/**
 * `dealrisk backtest`: read the deals closed since the first snapshot date with every dated row
 * (and those closed in the benchmark window before it with their stage history, so benchmarks at
 * every date have their deals),
 * learn which fields the org keeps history of, replay the deals at each snapshot date with the
 * current playbook, and report.
 */
export async function runBacktest(options: BacktestRunOptions): Promise<BacktestRun> {
  const { deals, playbook, mapping, now } = options;
  const dates = snapshotDates(now.getTime(), options.months, options.everyDays);
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  const queryOptions = dealQueryOptions(playbook, mapping);
  const callsBefore = deals.apiCalls;
  const closed = await deals.closedDealsForReplay(day(dates[0]! - playbook.benchmarks.windowDays * DAY_MS), day(dates[0]!), queryOptions);
  const tracked = await deals.historyTrackedFields();
  const takenAsToday = [
    ...queryOptions.verifierFields.filter((field) => !tracked.has(field)).map((field) => `Opportunity.${field}`),
    `Contact.${queryOptions.profileField}`,
    'OpportunityContactRole.Role',
  ];
  const snapshots = replayDeals(closed.replayed, playbook, dates, { benchmarkOnly: closed.benchmarkOnly, onDate: options.onProgress });
  const report = buildBacktestReport(snapshots, playbook, { months: options.months, everyDays: options.everyDays, horizons: options.horizons, dates });
  return { report, closedDealsRead: closed.replayed.length + closed.benchmarkOnly.length, apiCalls: deals.apiCalls - callsBefore, takenAsToday };
}
