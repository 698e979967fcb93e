/**
 * A deal's life before it becomes records: which open stages it passed through, how long it stayed
 * in each, and when it was created and closed. Planned backwards from its anchor (the close, or
 * asOf for open deals), so nothing ever lands after asOf.
 */
import type { Random } from './random.js';
import {
  CLOSED_WITHIN_DAYS,
  CURRENT_STAGE_AGE_FACTOR,
  DAYS_IN_STAGE_SIGMA,
  LOST_FURTHEST_STAGE_WEIGHTS,
  MAX_DAYS_IN_STAGE_FACTOR,
  MIN_DAYS_IN_STAGE,
  OPEN_CURRENT_STAGE_WEIGHTS,
  START_IN_QUALIFICATION_RATE,
  STAGE_SKIP_RATE,
  WON_MEDIAN_DAYS_IN_STAGE,
  type DealProfile,
  type DealTraits,
} from './research.js';
import { CLOSED_LOST, CLOSED_WON, OPEN_STAGES, type StageDef } from './stages.js';
import { DAY, duringBusinessHours, wholeSecond } from './time.js';

/** One uninterrupted stay in an open stage (index into OPEN_STAGES), [start, end) in epoch ms. */
export interface StageRun {
  stage: number;
  start: number;
  end: number;
}

export interface DealTimeline {
  profile: DealProfile;
  createdAt: number;
  /** Open-stage runs in order; each ends where the next starts; the last ends at `endAt`. */
  runs: StageRun[];
  /** When the deal entered Closed Won/Lost; null while open. */
  closedAt: number | null;
  outcome: StageDef | null;
  /** closedAt for closed deals, asOf for open ones. */
  endAt: number;
  /** The furthest open stage reached (index into OPEN_STAGES). */
  furthest: number;
}

const LAST_OPEN_STAGE = OPEN_STAGES.length - 1;

export function planTimeline(rng: Random, profile: DealProfile, traits: DealTraits, asOfMs: number): DealTimeline {
  const path = planStagePath(rng, profile, traits);
  const isOpen = profile === 'healthy' || profile === 'stalled';
  const durations = path.map((stage, i) =>
    isOpen && i === path.length - 1 ? currentStageAge(rng, profile, stage) : daysInStage(rng, stage, traits.lingerFactor) * DAY,
  );
  const endAt = isOpen ? asOfMs : Math.min(duringBusinessHours(asOfMs - rng.float(0.5, CLOSED_WITHIN_DAYS) * DAY), asOfMs);

  // Lay the runs out backwards from the end.
  const runs: StageRun[] = [];
  let end = endAt;
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const start = wholeSecond(end - durations[i]!);
    runs.unshift({ stage: path[i]!, start, end });
    end = start;
  }
  return {
    profile,
    createdAt: runs[0]!.start,
    runs,
    closedAt: isOpen ? null : endAt,
    outcome: profile === 'won' ? CLOSED_WON : profile === 'lost' ? CLOSED_LOST : null,
    endAt,
    furthest: Math.max(...path),
  };
}

/**
 * The open stages a deal visits, in order: from Prospecting (or Qualification) to its last open
 * stage, skipping a middle stage now and then, going back a stage and forward again as often as
 * the profile's `regressions` say.
 */
function planStagePath(rng: Random, profile: DealProfile, traits: DealTraits): number[] {
  const last =
    profile === 'won'
      ? LAST_OPEN_STAGE
      : profile === 'lost'
        ? weightedIndex(rng, LOST_FURTHEST_STAGE_WEIGHTS)
        : weightedIndex(rng, OPEN_CURRENT_STAGE_WEIGHTS);
  const first = Math.min(last, rng.chance(START_IN_QUALIFICATION_RATE) ? 1 : 0);
  const path = [first];
  for (let stage = first + 1; stage <= last; stage += 1) {
    if (stage < last && stage >= 2 && rng.chance(STAGE_SKIP_RATE)) continue;
    path.push(stage);
  }
  const regressions = path.length >= 3 ? rng.weighted(traits.regressions) : 0;
  for (let n = 0; n < regressions; n += 1) {
    // Back from path[j] to path[j-1], then forward to path[j] again.
    const j = rng.int(2, path.length - 1);
    path.splice(j + 1, 0, path[j - 1]!, path[j]!);
  }
  return path;
}

/** Days in one stage: log-normal around the won median, stretched by the profile's linger factor. */
function daysInStage(rng: Random, stage: number, lingerFactor: number): number {
  const median = WON_MEDIAN_DAYS_IN_STAGE[stage]! * lingerFactor;
  const days = rng.logNormal(median, DAYS_IN_STAGE_SIGMA);
  return Math.min(Math.max(days, MIN_DAYS_IN_STAGE), median * MAX_DAYS_IN_STAGE_FACTOR);
}

/** How long an open deal has been in its current stage, relative to the won benchmark. */
function currentStageAge(rng: Random, profile: 'healthy' | 'stalled', stage: number): number {
  const [low, high] = CURRENT_STAGE_AGE_FACTOR[profile];
  return Math.max(MIN_DAYS_IN_STAGE, WON_MEDIAN_DAYS_IN_STAGE[stage]! * rng.float(low, high)) * DAY;
}

function weightedIndex(rng: Random, weights: readonly number[]): number {
  return rng.weighted(weights.map((weight, index) => [index, weight] as const));
}

/** The run holding `at` (the last one for `at` = endAt). */
export function runAt(timeline: DealTimeline, at: number): StageRun {
  for (const run of timeline.runs) if (at < run.end) return run;
  return timeline.runs[timeline.runs.length - 1]!;
}

/** The first run at or past an open stage index; undefined if the deal never got there. */
export function firstRunFrom(timeline: DealTimeline, stage: number): StageRun | undefined {
  return timeline.runs.find((run) => run.stage >= stage);
}

/** A whole-second instant strictly inside (from, to), at a uniform fraction within [low, high]. */
export function instantBetween(rng: Random, from: number, to: number, low = 0, high = 1): number {
  const at = wholeSecond(from + (to - from) * rng.float(low, high));
  return Math.min(Math.max(at, from + 1000), to - 1000);
}
