import type { Benchmarks, StageBenchmark } from './benchmark-types.js';
import { calibrateVerifiers } from './calibration.js';
import type { Playbook } from './playbook.js';
import type { ClosedDealInput } from './types.js';
import { compilePlaybook } from './compiled.js';
import { stageRuns, timeInStages } from './history.js';
import { DAY_MS, median, parseTime } from './time.js';

export type { Benchmarks, StageBenchmark, VerifierCalibration } from './benchmark-types.js';

/** When a closed deal closed: the start of its final run when that run is a closed stage, else its CloseDate. */
function closedAt(deal: ClosedDealInput, lastRunStage: string | undefined, lastRunStart: number | undefined, closedStages: Set<string>): number {
  if (lastRunStage !== undefined && lastRunStart !== undefined && closedStages.has(lastRunStage)) return lastRunStart;
  return parseTime(deal.CloseDate);
}

function ratio(lost: number | null, won: number | null): number | null {
  return lost !== null && won !== null && won > 0 ? lost / won : null;
}

/**
 * Computes each open stage's benchmark: the median days that deals won in the last
 * `benchmarks.windowDays` spent in it (all their runs in the stage added up). Stages with fewer
 * than `minSample` won samples use the stage's `defaultDays`; org medians are raised to at least
 * `minDays`. The same medians for lost deals give the org's lose/win ratio. Open deals and deals
 * closed outside the window are ignored.
 */
export function computeBenchmarks(closedDeals: readonly ClosedDealInput[], playbook: Playbook, now: Date): Benchmarks {
  const nowMs = now.getTime();
  const windowStartMs = nowMs - playbook.benchmarks.windowDays * DAY_MS;
  const pb = compilePlaybook(playbook);
  const { closedStages } = pb;
  const wonDeals: { deal: ClosedDealInput; closedMs: number }[] = [];
  const won = new Map<string, number[]>();
  const lost = new Map<string, number[]>();
  const wonCycles: number[] = [];
  const lostCycles: number[] = [];

  for (const deal of closedDeals) {
    if (!deal.IsClosed) continue;
    const runs = stageRuns(deal.history);
    const last = runs[runs.length - 1];
    const closed = closedAt(deal, last?.stage, last?.startMs, closedStages);
    if (Number.isNaN(closed) || closed < windowStartMs || closed > nowMs) continue;
    const samples = deal.IsWon ? won : lost;
    if (deal.IsWon) wonDeals.push({ deal, closedMs: closed });
    for (const [stage, ms] of timeInStages(runs)) {
      if (closedStages.has(stage)) continue;
      let list = samples.get(stage);
      if (!list) samples.set(stage, (list = []));
      list.push(ms / DAY_MS);
    }
    const created = parseTime(deal.CreatedDate);
    if (!Number.isNaN(created) && closed >= created) (deal.IsWon ? wonCycles : lostCycles).push((closed - created) / DAY_MS);
  }

  const stages: Record<string, StageBenchmark> = {};
  for (const stage of playbook.stages.open) {
    const wonDays = won.get(stage.name) ?? [];
    const lostDays = lost.get(stage.name) ?? [];
    const wonMedianDays = median(wonDays);
    const lostMedianDays = median(lostDays);
    const fromOrg = wonMedianDays !== null && wonDays.length >= playbook.benchmarks.minSample;
    stages[stage.name] = {
      stage: stage.name,
      days: fromOrg ? Math.max(wonMedianDays, playbook.benchmarks.minDays) : stage.defaultDays,
      source: fromOrg ? 'org' : 'playbook',
      wonMedianDays,
      wonSamples: wonDays.length,
      lostMedianDays,
      lostSamples: lostDays.length,
      loseWinRatio: ratio(lostMedianDays, wonMedianDays),
    };
  }
  const wonMedianDays = median(wonCycles);
  const lostMedianDays = median(lostCycles);
  return {
    windowStart: new Date(windowStartMs).toISOString(),
    computedAt: now.toISOString(),
    minSample: playbook.benchmarks.minSample,
    stages,
    cycle: { wonDeals: wonCycles.length, lostDeals: lostCycles.length, wonMedianDays, lostMedianDays, loseWinRatio: ratio(lostMedianDays, wonMedianDays) },
    verifiers: calibrateVerifiers(wonDeals, playbook, pb),
  };
}

/** Benchmarks with no org data: every stage uses the playbook's default days. */
export function playbookBenchmarks(playbook: Playbook, now: Date): Benchmarks {
  return computeBenchmarks([], playbook, now);
}
