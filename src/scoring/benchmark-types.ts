// What benchmarks say: plain JSON-safe types, apart from the code that computes them so the
// assessment's types can name them without an import cycle.

/** The time-in-stage benchmark for one open stage. */
export interface StageBenchmark {
  stage: string;
  /** The days open deals are compared with. */
  days: number;
  /** 'org' when at least `minSample` won deals passed through the stage; else the playbook's default days. */
  source: 'org' | 'playbook';
  /** Median days won deals spent in the stage (null without samples). */
  wonMedianDays: number | null;
  wonSamples: number;
  /** Median days lost deals spent in the stage (null without samples). */
  lostMedianDays: number | null;
  lostSamples: number;
  /** lostMedianDays / wonMedianDays (the seed research says losing takes 1.65× as long). */
  loseWinRatio: number | null;
  /**
   * Days in stage from which STAGE_STALLED fires: the won deals' `STAGE_STALLED.percentile` days
   * (at least `minDays`) for an org benchmark, else `STAGE_STALLED.ratio` × the playbook's days.
   */
  stalledDays: number;
  /** The percentile behind an org's stalledDays; null for a playbook benchmark. */
  stalledPercentile: number | null;
  /** Days in stage from which LOSING_PATTERN fires: `losing.usedRatio` × `days`, never below `stalledDays`. */
  losingDays: number;
  losing: LosingRatio;
}

/** The lose/win ratio behind LOSING_PATTERN: the org's own, shrunk toward the playbook's by sample size. */
export interface LosingRatio {
  /** The org's lost/won median ratio, once both samples reach `minSample`; else null. */
  orgRatio: number | null;
  /** `LOSING_PATTERN.ratio`. */
  playbookRatio: number;
  /** Weight of the org's ratio: n / (n + LOSING_PATTERN.priorSamples), n the smaller of the won and lost samples; 0 without an org ratio. */
  orgWeight: number;
  /** orgWeight × orgRatio + (1 − orgWeight) × playbookRatio. */
  usedRatio: number;
}

/** Benchmarks for every open stage of the playbook, from the org's recently closed deals. Plain JSON-safe data, so it can be cached. */
export interface Benchmarks {
  /** Start of the window (ISO datetime): deals closed from then until `computedAt` count. */
  windowStart: string;
  computedAt: string;
  minSample: number;
  stages: Record<string, StageBenchmark>;
  /** Whole sales cycle (created to closed) of won and lost deals in the window. */
  cycle: { wonDeals: number; lostDeals: number; wonMedianDays: number | null; lostMedianDays: number | null; loseWinRatio: number | null };
  /** Per verifier code, its fill rate among the won deals; absent in benchmarks computed before calibration existed. */
  verifiers?: Record<string, VerifierCalibration>;
  /** How many won deals show customer activity at all; absent like `verifiers`. */
  engagement?: InputCalibration;
  /** How many won deals have a Next Step; absent like `verifiers`. */
  nextStep?: InputCalibration;
}

/** How often won deals met a verifier: whether the org records what it checks at all. */
export interface VerifierCalibration {
  code: string;
  label: string;
  kind: 'field' | 'contactRole' | 'activity';
  /** Won deals in the window that carry the verifier's input (fields, contact roles, activities). */
  wonDeals: number;
  /** Of those, the deals that met it at any time (its `withinDays` ignored). */
  metDeals: number;
  /** metDeals / wonDeals; null without won deals. */
  fillRate: number | null;
  /**
   * false when at least `benchmarks.minSample` won deals carry the input and none met it: the org
   * does not use that field or activity type, so an open deal lacking it is not counted as missing.
   */
  calibrated: boolean;
}

/** Whether the org records an input (customer activity, a Next Step) on its deals at all. */
export interface InputCalibration {
  /** Won deals in the window that carry the input (activities and contact roles; NextStep). */
  wonDeals: number;
  /** Of those, the deals that show it (customer activity with a buyer; a non-empty Next Step). */
  metDeals: number;
  fillRate: number | null;
  /** false when at least `minSample` won deals carry the input and none shows it: signals on it are then not assessed. */
  calibrated: boolean;
}
