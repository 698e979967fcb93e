import type { RedisConnection } from './connection.js';
import type { Benchmarks } from '../scoring/index.js';
import type { RunBudget, RunStore } from '../sync/run-store.js';

/** How long a run's benchmarks and budget stay in Redis: longer than any run, then they go by themselves. */
const RUN_STATE_TTL_SECONDS = 2 * 24 * 3600;

/**
 * Raises a run budget's `seenUsed` to ARGV[1] when higher, in one step (workers report at once),
 * and answers the budget; nil when the run has none. ARGV[1] empty: only read.
 */
const NOTE_USAGE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local used = tonumber(ARGV[1])
if used and used > tonumber(redis.call('HGET', KEYS[1], 'seenUsed')) then redis.call('HSET', KEYS[1], 'seenUsed', ARGV[1]) end
return redis.call('HMGET', KEYS[1], 'startUsed', 'limit', 'runLimitPercent', 'seenUsed')
`;

/**
 * A sync's state in Redis, under the queue prefix (so one hash tag such as `{dealrisk}` keeps it
 * in the queues' slot on a Redis Cluster): the watermark of the last run whose batches all
 * succeeded, whether a paused full run is still owed, and each run's benchmarks and API budget
 * for its batches.
 */
export class RunState implements RunStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  private key(suffix: string): string {
    return `${this.prefix}:sync:${suffix}`;
  }

  /** ISO datetime: changes from here on (minus the look-back) are the next incremental run's. */
  async watermark(): Promise<string | undefined> {
    return (await this.redis.get(this.key('watermark'))) ?? undefined;
  }

  /** Moves the watermark forward to `startedAt`, never back (a slower, older run may finish last). */
  async advanceWatermark(startedAt: string): Promise<boolean> {
    const current = await this.watermark();
    if (current !== undefined && Date.parse(current) >= Date.parse(startedAt)) return false;
    await this.redis.set(this.key('watermark'), startedAt);
    return true;
  }

  async fullRunOwed(): Promise<boolean> {
    return (await this.redis.exists(this.key('full-run-owed'))) === 1;
  }

  async setFullRunOwed(owed: boolean): Promise<void> {
    await (owed ? this.redis.set(this.key('full-run-owed'), '1') : this.redis.del(this.key('full-run-owed')));
  }

  async saveBenchmarks(runId: string, benchmarks: Benchmarks): Promise<void> {
    await this.redis.set(this.key(`run:${runId}:benchmarks`), JSON.stringify(benchmarks), 'EX', RUN_STATE_TTL_SECONDS);
  }

  async benchmarks(runId: string): Promise<Benchmarks> {
    const text = await this.redis.get(this.key(`run:${runId}:benchmarks`));
    if (text === null) throw new Error(`run ${runId} has no benchmarks in Redis: its plan expired or never ran`);
    return JSON.parse(text) as Benchmarks;
  }

  async startBudget(runId: string, budget: Omit<RunBudget, 'seenUsed'>): Promise<void> {
    const key = this.key(`run:${runId}:budget`);
    const fields = { startUsed: budget.startUsed, limit: budget.limit, runLimitPercent: budget.runLimitPercent, seenUsed: budget.startUsed };
    // HSETNX: a retried plan keeps the first attempt's start, so that attempt's calls count too.
    const multi = this.redis.multi();
    for (const [field, value] of Object.entries(fields)) multi.hsetnx(key, field, value);
    await multi.expire(key, RUN_STATE_TTL_SECONDS).exec();
  }

  async noteUsage(runId: string, used: number | undefined): Promise<RunBudget | undefined> {
    const answer = (await this.redis.eval(NOTE_USAGE, 1, this.key(`run:${runId}:budget`), used === undefined ? '' : String(used))) as (string | null)[] | null;
    if (!answer) return undefined;
    const [startUsed, limit, runLimitPercent, seenUsed] = answer.map(Number) as [number, number, number, number];
    return { startUsed, limit, runLimitPercent, seenUsed };
  }
}
