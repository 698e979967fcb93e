import { addCoverage, emptyCoverage, type CoverageCounts, type RiskLevel } from '../scoring/index.js';
import type { RecordOutcome } from './ports.js';

/** How many refused records a result lists by id (all are counted and logged). */
export const MAX_LISTED_FAILURES = 20;

/** A record Salesforce refused for good (validation rule, read-only field…): kept, not retried. */
export interface RefusedRecord {
  id: string;
  errorCode: string;
  message: string;
}

/** What one batch did: small and JSON-safe, the batch job's return value. */
export interface BatchResult {
  /** Deals read (open and closed). */
  read: number;
  scored: number;
  byLevel: Record<RiskLevel, number>;
  /** Closed deals whose risk fields were cleared. */
  cleared: number;
  /** Deals whose risk fields were written (or would be, in a dry run). */
  dealsWritten: number;
  /** Field values written, the "risk fields last changed" stamp included. */
  fieldsWritten: number;
  /** Deals whose stored risk fields already matched. */
  unchanged: number;
  tasksOpened: number;
  tasksCompleted: number;
  refusedCount: number;
  refusedByCode: Record<string, number>;
  /** The first refused records (at most {@link MAX_LISTED_FAILURES}). */
  refused: RefusedRecord[];
  apiCalls: number;
  /** 1 when the API budget guard stopped the batch before its read or its writes, else 0. */
  pausedBatches: number;
  /** Deals of the batch left unwritten because the guard stopped it (all of them, or none). */
  dealsNotWritten: number;
  /** 1 when Salesforce refused the batch's calls because the org's daily allowance was spent (the batch is paused too), else 0. */
  allowanceSpentBatches: number;
  /** The riskiest deals of the batch, highest score first. */
  riskiest: { id: string; name: string; score: number; level: RiskLevel; reasons: string[] }[];
  /** Tasks opened, for reports (at most a few). */
  openedTasks: { dealId: string; subject: string }[];
  /** What the batch's scored deals show the org records (profiled contacts, signals not assessed). */
  coverage: CoverageCounts;
}

export function emptyBatchResult(): BatchResult {
  return {
    read: 0,
    scored: 0,
    byLevel: { High: 0, Medium: 0, Low: 0 },
    cleared: 0,
    dealsWritten: 0,
    fieldsWritten: 0,
    unchanged: 0,
    tasksOpened: 0,
    tasksCompleted: 0,
    refusedCount: 0,
    refusedByCode: {},
    refused: [],
    apiCalls: 0,
    pausedBatches: 0,
    dealsNotWritten: 0,
    allowanceSpentBatches: 0,
    riskiest: [],
    openedTasks: [],
    coverage: emptyCoverage(),
  };
}

/**
 * A batch stopped for the API budget: nothing written, all its `deals` left for the next run; by
 * the guard, or because Salesforce refused its calls for the spent daily allowance.
 */
export function pausedBatchResult(deals: number, facts: { read?: number; apiCalls?: number; allowanceSpent?: boolean } = {}): BatchResult {
  return { ...emptyBatchResult(), read: facts.read ?? 0, apiCalls: facts.apiCalls ?? 0, pausedBatches: 1, dealsNotWritten: deals, allowanceSpentBatches: facts.allowanceSpent ? 1 : 0 };
}

/** Keeps a refused record: counted by errorCode, the first ones listed. */
export function addRefusal(result: BatchResult, outcome: RecordOutcome): void {
  const errorCode = outcome.errorCode ?? 'UNKNOWN';
  result.refusedCount += 1;
  result.refusedByCode[errorCode] = (result.refusedByCode[errorCode] ?? 0) + 1;
  if (result.refused.length < MAX_LISTED_FAILURES) result.refused.push({ id: outcome.id, errorCode, message: outcome.message ?? '' });
}

const KEEP_RISKIEST = 5;
const KEEP_OPENED = 10;

/** Adds one batch's counts into a run's. */
export function mergeBatchResults(results: readonly BatchResult[]): BatchResult {
  const total = emptyBatchResult();
  for (const r of results) {
    for (const key of ['read', 'scored', 'cleared', 'dealsWritten', 'fieldsWritten', 'unchanged', 'tasksOpened', 'tasksCompleted', 'refusedCount', 'apiCalls', 'pausedBatches', 'dealsNotWritten', 'allowanceSpentBatches'] as const) {
      total[key] += r[key];
    }
    for (const level of ['High', 'Medium', 'Low'] as const) total.byLevel[level] += r.byLevel[level];
    for (const [code, n] of Object.entries(r.refusedByCode)) total.refusedByCode[code] = (total.refusedByCode[code] ?? 0) + n;
    total.refused.push(...r.refused.slice(0, MAX_LISTED_FAILURES - total.refused.length));
    total.riskiest = [...total.riskiest, ...r.riskiest].sort((a, b) => b.score - a.score).slice(0, KEEP_RISKIEST);
    total.openedTasks.push(...r.openedTasks.slice(0, KEEP_OPENED - total.openedTasks.length));
    // Results of batches run by a version before coverage carry none.
    if (r.coverage) addCoverage(total.coverage, r.coverage);
  }
  return total;
}

export { KEEP_RISKIEST, KEEP_OPENED };
