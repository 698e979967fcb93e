import type { Job, Queue } from 'bullmq';
import type { RunReport } from '../sync/run-report.js';
import type { RunReportStore } from './run-reports.js';

/** How many jobs of a queue are in each state. */
export interface QueueDepth {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  prioritized: number;
  waitingChildren: number;
  failed: number;
  completed: number;
}

/** A run that has started and not finished. */
export interface ActiveRun {
  runId: string;
  jobId: string;
  /** `active`: a worker is on the run's own job; `waiting-children`: its batches are under way. */
  state: 'active' | 'waiting-children';
  trigger: string | null;
  mode: string | null;
  /** When a worker took the run's job (ISO), if it has. */
  startedAt: string | null;
  /** Batches finished and in all, once the run has fanned out. */
  batches: { done: number; total: number } | null;
  /** What the run's job last reported with `updateProgress`, as it reported it. */
  progress: unknown;
}

/**
 * Everything `dealrisk status --json` prints: version 1 of a shape scripts may rely on
 * (docs/status.md). Fields are only ever added within a version.
 */
export interface RunStatus {
  version: 1;
  generatedAt: string;
  queues: QueueDepth[];
  activeRuns: ActiveRun[];
  lastRuns: RunReport[];
}

async function depthOf(queue: Queue): Promise<QueueDepth> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed');
  return {
    queue: queue.name,
    waiting: counts.waiting ?? 0,
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    prioritized: counts.prioritized ?? 0,
    waitingChildren: counts['waiting-children'] ?? 0,
    failed: counts.failed ?? 0,
    completed: counts.completed ?? 0,
  };
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

async function activeRun(job: Job, state: ActiveRun['state']): Promise<ActiveRun> {
  const data = (job.data ?? {}) as Record<string, unknown>;
  let batches: ActiveRun['batches'] = null;
  if (state === 'waiting-children') {
    const { processed = 0, unprocessed = 0, failed = 0 } = await job.getDependenciesCount({ processed: true, unprocessed: true, failed: true });
    batches = { done: processed + failed, total: processed + unprocessed + failed };
  }
  return {
    runId: stringOrNull(data.runId) ?? job.id ?? '',
    jobId: job.id ?? '',
    state,
    trigger: stringOrNull(data.trigger),
    mode: stringOrNull(data.mode),
    startedAt: job.processedOn ? new Date(job.processedOn).toISOString() : null,
    batches,
    progress: job.progress ?? null,
  };
}

/** The runs under way on the run queue: its active jobs and its parents waiting for their batches. */
async function activeRuns(runQueue: Queue, runJobNames: ReadonlySet<string>): Promise<ActiveRun[]> {
  const [active, parents] = await Promise.all([runQueue.getJobs('active'), runQueue.getJobs('waiting-children')]);
  const runs = await Promise.all([
    ...active.filter((job) => runJobNames.has(job.name)).map((job) => activeRun(job, 'active')),
    ...parents.filter((job) => runJobNames.has(job.name)).map((job) => activeRun(job, 'waiting-children')),
  ]);
  return runs.sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
}

export interface StatusSources {
  /** Every queue whose depth is shown. */
  queues: readonly Queue[];
  /** The queue a run's own jobs are on, and those jobs' names. */
  runQueue: Queue;
  runJobNames: ReadonlySet<string>;
  reports: RunReportStore;
  /** How many of the last runs to show. */
  lastRuns: number;
  now: Date;
}

/** Reads the status from Redis: queue depths, the runs under way, the last runs' reports. */
export async function readRunStatus(sources: StatusSources): Promise<RunStatus> {
  const [queues, active, lastRuns] = await Promise.all([
    Promise.all(sources.queues.map(depthOf)),
    activeRuns(sources.runQueue, sources.runJobNames),
    sources.reports.latest(sources.lastRuns),
  ]);
  return { version: 1, generatedAt: sources.now.toISOString(), queues, activeRuns: active, lastRuns };
}
