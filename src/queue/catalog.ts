import { z } from 'zod';
import { BULK_OBJECTS } from '../sync/bulk-read-port.js';
import { FULL_RUN_BATCH_SIZE } from '../sync/plan-run.js';
import { defineJob } from './jobs.js';

/**
 * Every job dealrisk runs, declared once and keyed: queue, name, payload schema, attempts and
 * backoff. The worker's processor map is typed from this map (workers/processors.ts), so a job
 * without a processor does not compile. Payloads carry ids and options only, never credentials:
 * workers read those from their config.
 */

const runId = z.string().min(1).max(100);
const isoTime = z.iso.datetime({ offset: true });
const mode = z.enum(['full', 'incremental']);
const count = z.number().int().min(0);
const percent = z.number().min(0).max(100);
const dealId = z.string().min(15).max(18);
/** Where a batch reads its deals: a REST query with child subqueries, or the bucket the run's Bulk reads filled. */
const readPath = z.enum(['rest', 'bulk']);

/** What a sync run is asked to do. */
const runRequest = z.object({
  runId,
  trigger: z.enum(['manual', 'schedule', 'demo']),
  mode: mode.default('incremental'),
  /** Scores as of this time (tests, backfills); the run's start when absent. */
  asOf: isoTime.optional(),
  dryRun: z.boolean().default(false),
});

export const jobs = {
  /** Plans a run and fans it out: one batch job per 200 deals under one finish job. */
  syncPlan: defineJob({
    queue: 'sync',
    name: 'sync-plan',
    schema: runRequest,
    attempts: 3,
    backoff: { type: 'exponential', delay: 30_000 },
  }),
  /** Scores one batch of deals and writes what changed. */
  syncBatch: defineJob({
    queue: 'sync-batch',
    name: 'sync-batch',
    schema: z.object({ runId, batch: z.number().int().min(0), ids: z.array(dealId).min(1).max(FULL_RUN_BATCH_SIZE), asOf: isoTime, dryRun: z.boolean(), source: readPath.default('rest') }),
    attempts: 5,
    backoff: { type: 'exponential', delay: 5_000 },
  }),
  /** Reads one object's rows for a big run with one Bulk API 2.0 query job into the run's batch buckets. */
  syncBulkRead: defineJob({
    queue: 'sync-batch',
    name: 'sync-bulk-read',
    // `full`: the deals a full run plans; `all`: every deal (incremental: the buckets keep the planned ones).
    schema: z.object({ runId, object: z.enum(BULK_OBJECTS), scope: z.enum(['full', 'all']) }),
    attempts: 3,
    backoff: { type: 'exponential', delay: 30_000 },
  }),
  /** Runs once the run's Bulk reads have ended: adds its batches (reading their buckets) under the finish job. */
  syncBulkDone: defineJob({
    queue: 'sync',
    name: 'sync-bulk-done',
    schema: z.object({ runId, asOf: isoTime, dryRun: z.boolean(), batches: z.array(z.array(dealId).min(1).max(FULL_RUN_BATCH_SIZE)) }),
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
  }),
  /** The run's parent: runs once every batch has finished; moves the watermark and reports. */
  syncFinish: defineJob({
    queue: 'sync',
    name: 'sync-finish',
    schema: runRequest.extend({
      mode,
      runId,
      asOf: isoTime,
      startedAt: isoTime,
      changedSince: isoTime.optional(),
      planned: z.number().int().min(0),
      batches: z.number().int().min(0),
      planApiCalls: z.number().int().min(0),
      /** What the plan found of the API budget (absent from finish jobs of versions before the guard). */
      budget: z
        .object({ orgUsageAtStart: z.object({ used: count, limit: count }), refusedAtStart: z.boolean(), allowanceSpentAtStart: z.boolean().optional(), startLimitPercent: percent, runLimitPercent: percent })
        .optional(),
    }),
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
  }),
} as const;

export type JobKey = keyof typeof jobs;
export type JobPayload<K extends JobKey> = z.output<(typeof jobs)[K]['schema']>;

/** The queues, each once. */
export const QUEUE_NAMES = [...new Set(Object.values(jobs).map((job) => job.queue))];

/** Deterministic job ids, so a re-enqueued plan, batch or finish is the same job. */
export const jobIds = {
  plan: (run: string) => `${run}-plan`,
  batch: (run: string, batch: number) => `${run}-batch-${batch}`,
  bulkRead: (run: string, object: string) => `${run}-bulk-${object}`,
  bulkDone: (run: string) => `${run}-bulk-done`,
  finish: (run: string) => `${run}-finish`,
};
