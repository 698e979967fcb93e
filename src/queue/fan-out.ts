import type { FlowProducer } from 'bullmq';
import type { PlannedDeals } from '../sync/plan-run.js';
import type { RunBudgetStart } from '../sync/sync-run.js';
import type { z } from 'zod';
import { jobIds, jobs, type JobPayload } from './catalog.js';
import { jobOptions, type JobDefinition } from './jobs.js';

/**
 * One job of a run's flow: its definition's payload check, retry policy and retention, under the
 * run's deterministic id. A child that fails for good is recorded on its parent
 * (`ignoreDependencyOnFailure`), which then still runs and reports it instead of waiting forever.
 */
export function flowJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>, payload: z.input<Schema>, jobId: string, role: 'parent' | 'child') {
  return {
    name: definition.name,
    queueName: definition.queue,
    data: definition.schema.parse(payload),
    opts: { ...jobOptions(definition), jobId, ...(role === 'child' ? { ignoreDependencyOnFailure: true } : {}) },
  };
}

/** The run's finish job: the parent every other job of the run reports to. */
export function finishJob(request: JobPayload<'syncPlan'>, plan: PlannedDeals, asOf: string, planApiCalls: number, budget: RunBudgetStart) {
  const payload = {
    ...request,
    mode: plan.mode,
    asOf,
    startedAt: plan.startedAt,
    ...(plan.changedSince ? { changedSince: new Date(plan.changedSince).toISOString() } : {}),
    planned: plan.planned,
    batches: plan.batches.length,
    planApiCalls,
    budget,
  };
  return flowJob(jobs.syncFinish, payload, jobIds.finish(request.runId), 'parent');
}

/** One batch job of a run. */
export function batchJob(run: { runId: string; asOf: string; dryRun: boolean }, ids: readonly string[], batch: number, source: 'rest' | 'bulk') {
  return flowJob(jobs.syncBatch, { runId: run.runId, batch, ids: [...ids], asOf: run.asOf, dryRun: run.dryRun, source }, jobIds.batch(run.runId, batch), 'child');
}

/**
 * Adds the run as a BullMQ flow: the finish job as parent of one batch job per batch. Job ids are
 * the run's and the batch's, so adding the same run twice (a retried plan) adds nothing new.
 */
export async function addRunFlow(
  flows: FlowProducer,
  request: JobPayload<'syncPlan'>,
  plan: PlannedDeals,
  asOf: string,
  planApiCalls: number,
  budget: RunBudgetStart,
): Promise<void> {
  await flows.add({
    ...finishJob(request, plan, asOf, planApiCalls, budget),
    children: plan.batches.map((ids, batch) => batchJob({ runId: request.runId, asOf, dryRun: request.dryRun }, ids, batch, 'rest')),
  });
}
