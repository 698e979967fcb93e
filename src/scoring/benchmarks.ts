import type { Benchmarks, LosingRatio, StageBenchmark } from './benchmark-types.js';
import { VerifierTally } from './calibration.js';
import type { Playbook } from './playbook.js';
import type { ClosedDealInput } from './types.js';
import { compilePlaybook } from './compiled.js';
import { latestVisits, stageRuns } from './history.js';
import { DAY_MS, median, parseTime, percentile } from './time.js';

export type { Benchmarks, InputCalibration, LosingRatio, StageBenchmark, VerifierCalibration } from './benchmark-types.js';

/** When a closed deal closed: the start of its final run when that run is a closed stage, else its CloseDate. */
function closedAt(deal: ClosedDealInput, lastRunStage: string | undefined, lastRunStart: number | undefined, closedStages: ReadonlySet<string>): number {
  if (lastRunStage !== undefined && lastRunStart !== undefined && closedStages.has(lastRunStage)) return lastRunStart;
  return parseTime(deal.CloseDate);
}

function ratio(lost: number | null, won: number | null): number | null {
  return lost !== null && won !== null && won > 0 ? lost / won : null;
}

/**
 * The org's lose/win ratio, shrunk toward the playbook's in proportion to sample size (a
 * credibility weight n / (n + k), n the smaller sample, k = LOSING_PATTERN.priorSamples): with 10
 * won and 10 lost deals and k = 20, a third org and two thirds playbook.
 */
export function losingRatio(loseWin: number | null, wonSamples: number, lostSamples: number, playbook: Playbook): LosingRatio {
  const playbookRatio = playbook.signals.LOSING_PATTERN.ratio;
  const n = Math.min(wonSamples, lostSamples);
  if (loseWin === null || n < playbook.benchmarks.minSample) return { orgRatio: null, playbookRatio, orgWeight: 0, usedRatio: playbookRatio };
  const orgWeight = n / (n + playbook.signals.LOSING_PATTERN.priorSamples);
  return { orgRatio: loseWin, playbookRatio, orgWeight, usedRatio: orgWeight * loseWin + (1 - orgWeight) * playbookRatio };
}

/** A stage's benchmark and thresholds from its won and lost samples (days). */
export function stageBenchmark(stage: Playbook['stages']['open'][number], wonDays: readonly number[], lostDays: readonly number[], playbook: Playbook): StageBenchmark {
  const { minSample, minDays } = playbook.benchmarks;
  const wonMedianDays = median(wonDays);
  const lostMedianDays = median(lostDays);
  const fromOrg = wonMedianDays !== null && wonDays.length >= minSample;
  const days = fromOrg ? Math.max(wonMedianDays, minDays) : stage.defaultDays;
  const stalledDays = fromOrg ? Math.max(percentile(wonDays, playbook.signals.STAGE_STALLED.percentile)!, minDays) : stage.defaultDays * playbook.signals.STAGE_STALLED.ratio;
  const loseWinRatio = ratio(lostMedianDays, wonMedianDays);
  const losing = fromOrg ? losingRatio(loseWinRatio, wonDays.length, lostDays.length, playbook) : losingRatio(null, 0, 0, playbook);
  return {
    stage: stage.name,
    days,
    source: fromOrg ? 'org' : 'playbook',
    wonMedianDays,
    wonSamples: wonDays.length,
    lostMedianDays,
    lostSamples: lostDays.length,
    loseWinRatio,
    stalledDays,
    stalledPercentile: fromOrg ? playbook.signals.STAGE_STALLED.percentile : null,
    losingDays: Math.max(losing.usedRatio * days, stalledDays),
    losing,
  };
}

/**
 * Each open stage's benchmark, from closed deals added one at a time (a run reads them page by
 * page and keeps none: only day counts and the verifier tallies stay): the median days that deals
 * won in the last `benchmarks.windowDays` spent in it (their latest visit of the stage, measured
 * as open deals are), and its thresholds: STAGE_STALLED at the won deals'
 * `STAGE_STALLED.percentile`, LOSING_PATTERN at the org's lose/win ratio shrunk toward the
 * playbook's ({@link losingRatio}). Stages with fewer than `minSample` won samples use the stage's
 * `defaultDays` and the playbook's ratios; org figures are raised to at least `minDays`. Open
 * deals and deals closed outside the window are ignored.
 */
export class BenchmarkTally {
  private readonly nowMs: number;
  private readonly windowStartMs: number;
  private readonly closedStages: ReadonlySet<string>;
  private readonly won = new Map<string, number[]>();
  private readonly lost = new Map<string, number[]>();
  private readonly wonCycles: number[] = [];
  private readonly lostCycles: number[] = [];
  private readonly calibration: VerifierTally;

  constructor(
    private readonly playbook: Playbook,
    private readonly now: Date,
  ) {
    this.nowMs = now.getTime();
    this.windowStartMs = this.nowMs - playbook.benchmarks.windowDays * DAY_MS;
    const pb = compilePlaybook(playbook);
    this.closedStages = pb.closedStages;
    this.calibration = new VerifierTally(playbook, pb);
  }

  add(deal: ClosedDealInput): void {
    if (!deal.IsClosed) return;
    const runs = stageRuns(deal.history);
    const last = runs[runs.length - 1];
    const closed = closedAt(deal, last?.stage, last?.startMs, this.closedStages);
    if (Number.isNaN(closed) || closed < this.windowStartMs || closed > this.nowMs) return;
    const samples = deal.IsWon ? this.won : this.lost;
    if (deal.IsWon) this.calibration.add(deal, closed);
    for (const [stage, ms] of latestVisits(runs)) {
      if (this.closedStages.has(stage)) continue;
      let list = samples.get(stage);
      if (!list) samples.set(stage, (list = []));
      list.push(ms / DAY_MS);
    }
    const created = parseTime(deal.CreatedDate);
    if (!Number.isNaN(created) && closed >= created) (deal.IsWon ? this.wonCycles : this.lostCycles).push((closed - created) / DAY_MS);
  }

  result(): Benchmarks {
    const { playbook } = this;
    const stages: Record<string, StageBenchmark> = {};
    for (const stage of playbook.stages.open) stages[stage.name] = stageBenchmark(stage, this.won.get(stage.name) ?? [], this.lost.get(stage.name) ?? [], playbook);
    const wonMedianDays = median(this.wonCycles);
    const lostMedianDays = median(this.lostCycles);
    return {
      windowStart: new Date(this.windowStartMs).toISOString(),
      computedAt: this.now.toISOString(),
      minSample: playbook.benchmarks.minSample,
      stages,
      cycle: { wonDeals: this.wonCycles.length, lostDeals: this.lostCycles.length, wonMedianDays, lostMedianDays, loseWinRatio: ratio(lostMedianDays, wonMedianDays) },
      ...this.calibration.result(),
    };
  }
}

/** The benchmarks of these closed deals ({@link BenchmarkTally}, all at once). */
export function computeBenchmarks(closedDeals: readonly ClosedDealInput[], playbook: Playbook, now: Date): Benchmarks {
  const tally = new BenchmarkTally(playbook, now);
  for (const deal of closedDeals) tally.add(deal);
  return tally.result();
}

/** Benchmarks with no org data: every stage uses the playbook's default days. */
export function playbookBenchmarks(playbook: Playbook, now: Date): Benchmarks {
  return computeBenchmarks([], playbook, now);
}
