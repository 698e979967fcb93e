import { Worker, type Job } from 'bullmq';

/** How a worker's shutdown ended. */
export interface StopOutcome {
  /** No job was cut off: every one it was running finished within the grace period. */
  finished: boolean;
  /** Jobs cut off by the grace period and put back in their queue's wait list, for any worker to take. */
  handedBack: string[];
  /**
   * Jobs cut off that could not be put back (Redis did not answer): they stay locked until their
   * lock expires, then BullMQ's stalled-job check of another worker moves them back.
   */
  stranded: string[];
}

/** Longest the hand-back of cut-off jobs may take (one Redis script per job). */
const HAND_BACK_MS = 3000;
/** Longest the forced close may take once nothing is running. */
const CLOSE_MS = 2000;

interface RunningJob {
  job: Job;
  token: string;
  done: Promise<void>;
}

/** Resolves with `fallback` after `ms` unless `promise` settles first (never rejects). */
async function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    return await Promise.race([promise.catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A BullMQ worker that stops within a grace period. It knows the jobs it is running, from taking
 * one to recording its outcome in Redis, with their lock tokens. `close()` alone cannot do this:
 * it waits for running jobs without a limit, a later `close(true)` only returns that same wait,
 * and a graceful close sends QUIT, which never returns while Redis is down. A job left active
 * would wait for its lock to expire and BullMQ's stalled-job check (which also counts it against
 * `maxStalledCount`); a job handed back is in the wait list at once, its attempts untouched.
 * https://docs.bullmq.io/guide/workers/graceful-shutdown, https://docs.bullmq.io/guide/jobs/stalled
 */
export class StoppableWorker<Data = unknown, Result = unknown> extends Worker<Data, Result> {
  private readonly inFlight = new Map<string, RunningJob>();
  private stopping = false;

  /**
   * Takes no job once stopping. `pause()` is not enough: a fetch already blocked on Redis still
   * takes the next job when one arrives, which would be a job this worker just handed back.
   */
  protected override async moveToActive(token: string, name?: string): Promise<Job<Data, Result>> {
    // BullMQ itself resolves to undefined when there is no job to take.
    const none = undefined as unknown as Job<Data, Result>;
    if (this.stopping) return none;
    const job = await super.moveToActive(token, name);
    if (!job || !this.stopping) return job;
    // Taken while the stop began: straight back to the wait list.
    await job.moveToWait(token).catch(() => undefined);
    return none;
  }

  /** BullMQ's whole handling of one job: the processor, then moving the job to completed or failed. */
  override async processJob(job: Job<Data, Result>, token: string, fetchNextCallback?: () => boolean): Promise<void | Job<Data, Result>> {
    let finish = (): void => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const id = job.id ?? '';
    this.inFlight.set(id, { job, token, done });
    try {
      return await super.processJob(job, token, fetchNextCallback);
    } finally {
      this.inFlight.delete(id);
      finish();
    }
  }

  /**
   * Takes no new jobs, waits up to `graceMs` (or until `endEarly` settles) for the running ones,
   * hands back to the queue those still running, then closes without waiting on Redis. The
   * processors of handed-back jobs are not interrupted: the caller ends the process (the CLI does
   * once the command returns), and at-least-once delivery makes a half-done job safe to rerun.
   */
  async stop(graceMs: number, endEarly: Promise<unknown> = new Promise(() => undefined)): Promise<StopOutcome> {
    this.stopping = true;
    await this.pause(true);
    const allDone = Promise.all([...this.inFlight.values()].map((running) => running.done)).then(() => true);
    await Promise.race([within(allDone, graceMs, false), endEarly.catch(() => undefined)]);
    const handedBack: string[] = [];
    const stranded: string[] = [];
    await Promise.all(
      [...this.inFlight.values()].map(async ({ job, token }) => {
        const moved = await within(job.moveToWait(token).then(() => true), HAND_BACK_MS, false);
        (moved ? handedBack : stranded).push(job.id ?? '');
      }),
    );
    // Every job is finished or back in its queue, so forcing skips only the waits that hang on a dead Redis.
    await within(this.close(true), CLOSE_MS, undefined);
    return { finished: handedBack.length === 0 && stranded.length === 0, handedBack, stranded };
  }
}
