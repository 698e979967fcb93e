/**
 * Limits a production org enforces whatever the faults: at most 25 concurrent API requests that
 * have run 20 s or longer, and 3,600 logins per user per hour. Both use the real clock (the org
 * clock may be pinned). The thresholds can be lowered for tests (LocalOrgOptions.productionLimits).
 */

export interface ProductionLimitSettings {
  /** A request counts as long once it has run this long (Salesforce: 20 s). */
  longRequestMs: number;
  /** Long requests allowed at once (Salesforce production: 25). */
  maxLongRequests: number;
  /** Logins (token grants other than refresh) per user per rolling hour (Salesforce: 3,600). */
  loginsPerHour: number;
}

export const PRODUCTION_LIMITS: Readonly<ProductionLimitSettings> = { longRequestMs: 20_000, maxLongRequests: 25, loginsPerHour: 3600 };

/** Salesforce's message for the concurrent long-request limit (the daily one reads "TotalRequests Limit exceeded."). */
export const CONCURRENT_REQUESTS_MESSAGE = 'ConcurrentRequests (Concurrent API Requests) Limit exceeded.';

const HOUR_MS = 60 * 60 * 1000;

export class ProductionLimits {
  readonly settings: ProductionLimitSettings;
  private readonly running = new Set<{ startedAt: number }>();
  private readonly loginTimes = new Map<string, number[]>();

  constructor(settings: Partial<ProductionLimitSettings> = {}) {
    this.settings = { ...PRODUCTION_LIMITS, ...settings };
  }

  /** Whether a new API request must be refused: the long ones in flight already fill the limit. */
  longRequestsFull(now = Date.now()): boolean {
    let long = 0;
    for (const request of this.running) if (now - request.startedAt >= this.settings.longRequestMs) long += 1;
    return long >= this.settings.maxLongRequests;
  }

  /** Marks a request in flight; call the returned function when it ends. */
  begin(now = Date.now()): () => void {
    const request = { startedAt: now };
    this.running.add(request);
    return () => this.running.delete(request);
  }

  /** Counts a login of `userId`; false (nothing counted) when the hour's allowance is spent. */
  tryLogin(userId: string, now = Date.now()): boolean {
    const recent = (this.loginTimes.get(userId) ?? []).filter((at) => now - at < HOUR_MS);
    if (recent.length >= this.settings.loginsPerHour) {
      this.loginTimes.set(userId, recent);
      return false;
    }
    recent.push(now);
    this.loginTimes.set(userId, recent);
    return true;
  }
}
