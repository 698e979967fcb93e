import type { RedisConnection } from './connection.js';
import type { Benchmarks } from '../scoring/index.js';

/** How long a run's benchmarks stay in Redis: longer than any run, then they go by themselves. */
const RUN_STATE_TTL_SECONDS = 2 * 24 * 3600;

/**
 * A sync's state in Redis, under the queue prefix (so one hash tag such as `{dealrisk}` keeps it
 * in the queues' slot on a Redis Cluster): the watermark of the last run whose batches all
 * succeeded, and each run's benchmarks for its batches.
 */
export class RunState {
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

  async saveBenchmarks(runId: string, benchmarks: Benchmarks): Promise<void> {
    await this.redis.set(this.key(`run:${runId}:benchmarks`), JSON.stringify(benchmarks), 'EX', RUN_STATE_TTL_SECONDS);
  }

  async benchmarks(runId: string): Promise<Benchmarks> {
    const text = await this.redis.get(this.key(`run:${runId}:benchmarks`));
    if (text === null) throw new Error(`run ${runId} has no benchmarks in Redis: its plan expired or never ran`);
    return JSON.parse(text) as Benchmarks;
  }
}
