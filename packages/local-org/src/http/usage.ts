import type { OrgClock } from '../model.js';
import { RollingWindow } from './usage-window.js';

/** One limit as `GET /limits` reports it. */
export interface LimitCounter {
  Max: number;
  Remaining: number;
}

/**
 * The org's API allowances. Daily API requests are counted over a rolling 24 hours on the org
 * clock, as Salesforce counts them (usage-window.ts). Other allowances are
 * reported at their maximum until the features that use them (Bulk API 2.0) arrive and call
 * {@link ApiUsage.consume}.
 */
export class ApiUsage {
  private readonly window = new RollingWindow();
  private readonly others = new Map<string, { max: number; used: number }>([
    ['DailyBulkApiBatches', { max: 15_000, used: 0 }],
    ['DailyBulkV2QueryJobs', { max: 10_000, used: 0 }],
    ['DailyBulkV2QueryFileStorageMB', { max: 976_562, used: 0 }],
    ['DailyAsyncApexExecutions', { max: 250_000, used: 0 }],
    ['DataStorageMB', { max: 5_120, used: 0 }],
    ['FileStorageMB', { max: 5_120, used: 0 }],
    ['HourlyPublishedPlatformEvents', { max: 50_000, used: 0 }],
  ]);

  constructor(
    readonly max: number,
    private readonly clock: OrgClock,
  ) {}

  /** Requests counted in the last 24 hours. */
  get requests(): number {
    return this.window.count(this.clock.now());
  }

  /** False while the last 24 hours' allowance is spent: the call must be refused with REQUEST_LIMIT_EXCEEDED. */
  tryCount(): boolean {
    const now = this.clock.now();
    if (this.window.count(now) >= this.max) return false;
    this.window.add(now);
    return true;
  }

  /** Spends `amount` of another allowance (e.g. DailyBulkV2QueryJobs); false when it is exhausted. */
  consume(name: string, amount = 1): boolean {
    const counter = this.others.get(name);
    if (!counter) throw new Error(`unknown limit ${name}`);
    if (counter.used + amount > counter.max) return false;
    counter.used += amount;
    return true;
  }

  /** The `Sforce-Limit-Info` header value. */
  header(): string {
    return `api-usage=${this.requests}/${this.max}`;
  }

  /** The body of `GET /limits`. */
  limits(): Record<string, LimitCounter> {
    const body: Record<string, LimitCounter> = { DailyApiRequests: { Max: this.max, Remaining: Math.max(0, this.max - this.requests) } };
    for (const [name, counter] of this.others) body[name] = { Max: counter.max, Remaining: counter.max - counter.used };
    return body;
  }
}
