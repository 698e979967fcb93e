import type { ChainableCommander } from 'ioredis';
import { runReportSchema, type RunReport } from '../sync/run-report.js';
import type { RedisConnection } from './connection.js';

/** Runs a MULTI; ioredis resolves a command's failure inside it as a result, so raise the first. */
async function execOrThrow(multi: ChainableCommander): Promise<void> {
  const results = await multi.exec();
  const failed = results?.find(([error]) => error !== null);
  if (failed?.[0]) throw failed[0];
}

/** Reports kept: older ones are dropped as new ones are saved. */
export const KEPT_RUN_REPORTS = 100;

/**
 * The last run reports in Redis: a hash of report JSON by runId and a sorted set of runIds by
 * finish time. Both keys start with the queue prefix, so with a hash-tagged prefix (`{dealrisk}`)
 * they share the queues' slot on a Redis Cluster and one MULTI can write both. Saving a run's
 * report again (a retried finish job) replaces it.
 */
export class RunReportStore {
  private readonly reportsKey: string;
  private readonly orderKey: string;

  constructor(
    private readonly redis: RedisConnection,
    prefix: string,
  ) {
    this.reportsKey = `${prefix}:run-reports`;
    this.orderKey = `${prefix}:run-reports:by-finish`;
  }

  async save(report: RunReport): Promise<void> {
    const checked = runReportSchema.parse(report);
    await execOrThrow(
      this.redis
        .multi()
        .hset(this.reportsKey, checked.runId, JSON.stringify(checked))
        .zadd(this.orderKey, String(Date.parse(checked.finishedAt)), checked.runId),
    );
    const dropped = await this.redis.zrange(this.orderKey, '0', String(-(KEPT_RUN_REPORTS + 1)));
    if (dropped.length === 0) return;
    await execOrThrow(this.redis.multi().zrem(this.orderKey, ...dropped).hdel(this.reportsKey, ...dropped));
  }

  /** The `n` most recently finished runs' reports, newest first. */
  async latest(n: number): Promise<RunReport[]> {
    if (n <= 0) return [];
    const runIds = await this.redis.zrange(this.orderKey, '0', String(n - 1), 'REV');
    if (runIds.length === 0) return [];
    const texts = await this.redis.hmget(this.reportsKey, ...runIds);
    return texts.flatMap((text, i) => (text === null ? [] : [this.parse(runIds[i]!, text)]));
  }

  private parse(runId: string, text: string): RunReport {
    const parsed = runReportSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`the report of run ${runId} in Redis key ${this.reportsKey} is not a run report (${where})`);
  }
}
