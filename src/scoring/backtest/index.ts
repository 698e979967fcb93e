/** The backtest: replay closed deals as they stood at past dates and measure how the score separated won from lost. Pure, like the rest of src/scoring. */
export * from './types.js';
export { prepareDeal, snapshotAt, snapshotDates, closedStagesOf, type PreparedDeal } from './replay.js';
export { replayDeals, scoreSnapshotsAt, type ReplayOptions, type ScoredSnapshot } from './score-snapshots.js';
export { rocAuc, rocCurve, bootstrapAuc, type AucEstimate, type Labelled, type RocPoint } from './auc.js';
export { buildBacktestReport, type BacktestReport, type BacktestOptions, type HorizonReport, type StageReport } from './report.js';
export type { SuggestedPoints, SuggestedSignal } from './suggest-points.js';
export type { LeadTime, FalseAlarms } from './timing.js';
export type { LevelWinRates, SignalLift, WinRate } from './win-rates.js';
