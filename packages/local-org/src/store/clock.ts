import type { OrgClock } from '../model.js';

/**
 * The org's clock: starts at `asOf` (default: the real time) and runs on in real time from there,
 * so `--as-of` pins "today" while timestamps of successive writes still advance.
 */
export function createClock(asOf?: Date): OrgClock {
  const startReal = Date.now();
  const start = asOf ? asOf.getTime() : startReal;
  return { now: () => new Date(start + (Date.now() - startReal)) };
}

/** A clock that only moves when told to: for tests that need exact timestamps. */
export interface ManualClock extends OrgClock {
  set(at: Date): void;
  advance(ms: number): void;
}

/** Creates a {@link ManualClock} standing at `at`. */
export function createManualClock(at: Date): ManualClock {
  let t = at.getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = d.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
