/**
 * The faults the org throws now, and the seeded draws that decide which call or write is hit: one
 * random stream per fault kind, from the org's seed, so a faulty run is repeatable and one kind's
 * draws never shift another's. Changing the settings restarts every stream.
 */
import { createRandom, type Random } from '../dataset/random.js';
import type { BulkFaults } from '../bulk/index.js';
import { FAULT_KEYS, NO_FAULTS, type FaultKey, type FaultSettings } from './settings.js';

export class OrgFaults implements BulkFaults {
  private current: FaultSettings = { ...NO_FAULTS };
  private streams = new Map<FaultKey, Random>();
  /** API calls per session, for `sessionExpiryCalls`. */
  private callsBySession = new WeakMap<object, number>();

  constructor(
    private readonly seed: number,
    settings: FaultSettings = NO_FAULTS,
  ) {
    this.set(settings);
  }

  get settings(): Readonly<FaultSettings> {
    return this.current;
  }

  /** Replaces the settings; every draw starts again from the seed. */
  set(settings: FaultSettings): void {
    this.current = { ...settings };
    this.streams = new Map(FAULT_KEYS.map((key, i) => [key, createRandom(this.seed * 31 + i + 1)]));
    this.callsBySession = new WeakMap();
  }

  /** True for the given fraction of draws of `key` (no draw is spent when the fault is off). */
  hits(key: 'http503' | 'http500' | 'lockRow' | 'bulkFail'): boolean {
    const fraction = this.current[key];
    if (fraction <= 0) return false;
    return this.streams.get(key)!.next() < fraction;
  }

  /** Counts a call of `session`; true once the session has made more calls than `sessionExpiryCalls`. */
  sessionExpired(session: object): boolean {
    const limit = this.current.sessionExpiryCalls;
    if (limit <= 0) return false;
    const calls = (this.callsBySession.get(session) ?? 0) + 1;
    this.callsBySession.set(session, calls);
    return calls > limit;
  }

  /** Whether the `apiLimit` fault refuses a call after `used` counted requests. */
  overApiLimit(used: number): boolean {
    return this.current.apiLimit > 0 && used >= this.current.apiLimit;
  }

  jobFails(): boolean {
    return this.hits('bulkFail');
  }

  runDelayMs(): number {
    return this.current.slowQueryMs;
  }

  rowLocked(): boolean {
    return this.hits('lockRow');
  }
}
