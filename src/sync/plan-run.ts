import type { Mapping } from '../mapping/mapping-schema.js';
import type { Benchmarks, Playbook } from '../scoring/index.js';
import { filterableRiskFields, orgBenchmarks } from './deal-options.js';
import type { SalesforcePort } from './ports.js';

/** How a run picks its deals. */
export type SyncMode = 'full' | 'incremental';

/**
 * Deals per batch job: 200 is the most one sObject Collections call writes, so a batch costs one
 * read (its 200 ids fit one query page unless child rows page it) and at most one write call per
 * object, and a retried batch redoes little.
 */
export const BATCH_SIZE = 200;

/**
 * Deals per batch of a full run: its batches are runs of consecutive ids, read by id range (no
 * `IN` list to outgrow the URI), so one batch may span many pages. A query wastes on average half
 * its last page, so a batch of 200 deals (about 20 rows each with their child rows: two pages for
 * 1.9 pages of rows) costs ~20% over the minimum; 2,000 deals (~20 pages) cost ~3%. Writes stay at
 * 200 records per call.
 */
export const FULL_RUN_BATCH_SIZE = 2000;

/** A full run has at least this many batches (of at least BATCH_SIZE deals): even a small run is shared by two workers. */
const FULL_RUN_MIN_BATCHES = 2;

/** Deals per batch: 200 for an incremental run (sparse ids, read by `IN` list), up to 2,000 for a full one. */
export function batchSize(mode: SyncMode, deals: number): number {
  if (mode === 'incremental') return BATCH_SIZE;
  return Math.min(FULL_RUN_BATCH_SIZE, Math.max(BATCH_SIZE, Math.ceil(deals / FULL_RUN_MIN_BATCHES)));
}

/** The run's plan: its deals in batches, the benchmarks every batch uses, and the next watermark. */
export interface RunPlan {
  /** What the run does (an incremental run without a watermark runs full). */
  mode: SyncMode;
  /** ISO: changes read from here (incremental); undefined for a full run. */
  changedSince: string | undefined;
  /** ISO: when planning began, the watermark once every batch succeeds. */
  startedAt: string;
  batches: string[][];
  planned: number;
  benchmarks: Benchmarks;
}

/** What the fan-out needs of a plan: everything but the benchmarks (kept in Redis for the batches). */
export type PlannedDeals = Omit<RunPlan, 'benchmarks'>;

/**
 * The mode a run has: an incremental run without a watermark runs full, and so does one after a
 * full run the API budget guard paused (its unchanged deals were never rescored: an incremental
 * run would not read them).
 */
export function runMode(requested: SyncMode, watermark: string | undefined, fullRunOwed = false): SyncMode {
  return requested === 'incremental' && watermark && !fullRunOwed ? 'incremental' : 'full';
}

/** A SOQL date-time literal (whole seconds, UTC). */
function soqlDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Plans one run: the deals to look at (every open one, or those changed since the watermark minus
 * the look-back, and in both cases closed ones still carrying risk fields), cut into batches, and
 * the org's benchmarks as of `asOf`, computed once for the whole run.
 */
export async function planRun(options: {
  salesforce: SalesforcePort;
  playbook: Playbook;
  mapping: Mapping;
  mode: SyncMode;
  watermark: string | undefined;
  /** A paused full run is owed: run full whatever was asked. */
  fullRunOwed?: boolean;
  /** Changes are re-read this far before the watermark: rows can commit with a stamp behind a run's start. */
  lookBackMs: number;
  asOf: Date;
  startedAt: Date;
}): Promise<RunPlan> {
  const { salesforce, mapping, watermark } = options;
  const mode = runMode(options.mode, watermark, options.fullRunOwed);
  const changedSince = mode === 'incremental' ? soqlDateTime(Date.parse(watermark!) - options.lookBackMs) : undefined;
  const ids = await salesforce.plannedDealIds({
    filterableRiskFields: filterableRiskFields(mapping),
    ...(changedSince ? { changedSince, integrationUserId: await salesforce.integrationUserId() } : {}),
  });
  const size = batchSize(mode, ids.length);
  const batches: string[][] = [];
  for (let start = 0; start < ids.length; start += size) batches.push(ids.slice(start, start + size));
  return {
    mode,
    changedSince,
    startedAt: options.startedAt.toISOString(),
    batches,
    planned: ids.length,
    benchmarks: await orgBenchmarks(salesforce, options.playbook, mapping, options.asOf),
  };
}
