import { BULK_OBJECTS, type BulkObject, type BulkRow } from '../sync/bulk-read-port.js';
import { BUCKET_DEALS, type BulkBuckets } from '../sync/bulk-buckets.js';
import type { RedisConnection } from './connection.js';

/** Longer than any run, then a run's buckets go by themselves (as its benchmarks do, run-state.ts). */
const BUCKET_TTL_SECONDS = 2 * 24 * 3600;

/** Deal ids asked for in one HMGET, and rows written in one pipeline. */
const CHUNK = 1_000;

const OBJECTS: ReadonlySet<string> = new Set(BULK_OBJECTS);

/**
 * A run's Bulk rows in Redis, under the queue prefix (one hash tag keeps them in the queues' slot
 * on a Redis Cluster, so pipelines stay on one node): `run:<id>:bulk:batch-of` maps each planned
 * deal to its bucket; `run:<id>:bulk:<n>` holds bucket n's rows, field `<object>:<row id>` →
 * `{dealId, record}`. Customer data, never credentials.
 */
export class RedisBulkBuckets implements BulkBuckets {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  private key(runId: string, suffix: string | number): string {
    return `${this.prefix}:sync:run:${runId}:bulk:${suffix}`;
  }

  async assignBuckets(runId: string, batches: readonly (readonly string[])[]): Promise<void> {
    const key = this.key(runId, 'batch-of');
    const entries = batches.flat().map((id, position) => [id, String(Math.floor(position / BUCKET_DEALS))] as const);
    for (let start = 0; start < entries.length; start += CHUNK) {
      await this.redis.hset(key, Object.fromEntries(entries.slice(start, start + CHUNK)));
    }
    await this.redis.expire(key, BUCKET_TTL_SECONDS);
  }

  /** The bucket of each deal among `dealIds` that the run planned. */
  private async bucketsOf(runId: string, dealIds: readonly string[]): Promise<Map<string, string>> {
    const key = this.key(runId, 'batch-of');
    const batchOf = new Map<string, string>();
    for (let start = 0; start < dealIds.length; start += CHUNK) {
      const chunk = dealIds.slice(start, start + CHUNK);
      const batches = await this.redis.hmget(key, ...chunk);
      chunk.forEach((id, i) => {
        const batch = batches[i];
        if (batch !== null && batch !== undefined) batchOf.set(id, batch);
      });
    }
    return batchOf;
  }

  async addRows(runId: string, rows: readonly BulkRow[]): Promise<number> {
    const batchOf = await this.bucketsOf(runId, [...new Set(rows.map((row) => row.dealId))]);
    const kept = rows.filter((row) => batchOf.has(row.dealId));
    for (let start = 0; start < kept.length; start += CHUNK) {
      const pipeline = this.redis.pipeline();
      const touched = new Set<string>();
      for (const row of kept.slice(start, start + CHUNK)) {
        const key = this.key(runId, batchOf.get(row.dealId)!);
        touched.add(key);
        pipeline.hset(key, `${row.object}:${row.id}`, JSON.stringify({ dealId: row.dealId, record: row.record }));
      }
      for (const key of touched) pipeline.expire(key, BUCKET_TTL_SECONDS);
      // A pipeline reports each command's error in its answer instead of rejecting.
      const failed = (await pipeline.exec())?.find(([error]) => error !== null);
      if (failed) throw failed[0]!;
    }
    return kept.length;
  }

  async *rowsOf(runId: string, dealIds: readonly string[]): AsyncGenerator<BulkRow[]> {
    const buckets = [...new Set((await this.bucketsOf(runId, dealIds)).values())].sort((a, b) => Number(a) - Number(b));
    for (const bucket of buckets) yield this.bucketRows(runId, bucket);
  }

  private async bucketRows(runId: string, bucket: string): Promise<BulkRow[]> {
    const entries = await this.redis.hgetall(this.key(runId, bucket));
    return Object.entries(entries).map(([field, value]) => {
      const split = field.indexOf(':');
      const object = field.slice(0, split);
      if (!OBJECTS.has(object)) throw new Error(`bulk bucket ${this.key(runId, bucket)} holds an unknown object ${object}`);
      const { dealId, record } = JSON.parse(value) as { dealId: string; record: Record<string, unknown> };
      return { object: object as BulkObject, id: field.slice(split + 1), dealId, record };
    });
  }
}
