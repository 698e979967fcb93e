/**
 * Salesforce counts daily API requests over a rolling 24 hours, not per calendar day: a request
 * stops counting 24 hours after it was made. Requests are kept in one-minute buckets on the org
 * clock; a bucket leaves the window once its whole minute is older than 24 hours, so a request
 * counts for 24 hours and up to one minute more (the stricter side of the rounding).
 */
const MINUTE_MS = 60_000;
const WINDOW_MS = 24 * 60 * MINUTE_MS;

export class RollingWindow {
  /** Minute index (ms since epoch / 60,000) → requests counted in that minute, oldest first. */
  private readonly buckets = new Map<number, number>();
  private total = 0;

  /** Requests inside the window ending at `now`. */
  count(now: Date): number {
    this.expire(now);
    return this.total;
  }

  /** Counts one request at `now`. */
  add(now: Date): void {
    this.expire(now);
    const minute = Math.floor(now.getTime() / MINUTE_MS);
    this.buckets.set(minute, (this.buckets.get(minute) ?? 0) + 1);
    this.total += 1;
  }

  private expire(now: Date): void {
    for (const [minute, count] of this.buckets) {
      // Map order is insertion order: the first bucket still inside the window ends the sweep.
      if ((minute + 1) * MINUTE_MS + WINDOW_MS > now.getTime()) break;
      this.buckets.delete(minute);
      this.total -= count;
    }
  }
}
