import type { Benchmarks, StageBenchmark } from '../benchmark-types.js';
import { stageBenchmark } from '../benchmarks.js';
import type { DealFacts } from '../deal-facts.js';
import { fmt, plural } from '../wording.js';
import type { SignalSink } from './sink.js';

/** The benchmark an open stage is compared with: the org's, else the playbook's default days. */
function benchmarkOf(deal: DealFacts, benchmarks: Benchmarks, stageIndex: number): StageBenchmark {
  const stage = deal.playbook.stages.open[stageIndex]!;
  return benchmarks.stages[stage.name] ?? stageBenchmark(stage, [], [], deal.playbook);
}

/** What the benchmark expects, in words. */
const expected = (b: StageBenchmark): string => (b.source === 'org' ? `won deals leave it in a median ${fmt(b.days)} days` : `the playbook expects about ${fmt(b.days)} days`);

/** LOSING_PATTERN, STAGE_STALLED and UNKNOWN_STAGE: days in the current stage against its benchmark. */
export function timeInStageSignals(deal: DealFacts, benchmarks: Benchmarks, out: SignalSink): { benchmark: StageBenchmark | null; ratio: number | null } {
  const { opp, daysInStage, stageIndex } = deal;
  const cfg = out.cfg;
  if (stageIndex === undefined) {
    if (out.on('UNKNOWN_STAGE')) {
      out.fire('UNKNOWN_STAGE', cfg.UNKNOWN_STAGE.points, `Stage '${opp.StageName}' is not in the playbook, so time in stage and verifiers are not checked.`);
    }
    return { benchmark: null, ratio: null };
  }
  const benchmark = benchmarkOf(deal, benchmarks, stageIndex);
  if (daysInStage === null || benchmark.days <= 0) return { benchmark, ratio: null };
  const ratio = daysInStage / benchmark.days;
  const b = benchmark;
  // A tiny tolerance so a threshold such as 1.65 × 20 = 33 days counts as reached despite float rounding.
  if (daysInStage >= b.losingDays - 1e-9) {
    if (out.on('LOSING_PATTERN')) {
      out.fire('LOSING_PATTERN', cfg.LOSING_PATTERN.points, `In ${b.stage} for ${plural(daysInStage, 'day')}; ${expected(b)} (${ratio.toFixed(1)}×), the pattern of deals that are lost.`);
    }
  } else if (out.on('STAGE_STALLED') && daysInStage >= b.stalledDays - 1e-9) {
    const most = b.source === 'org' ? `; ${cfg.STAGE_STALLED.percentile}% of won deals leave it within ${fmt(b.stalledDays)}` : '';
    out.fire('STAGE_STALLED', cfg.STAGE_STALLED.points, `In ${b.stage} for ${plural(daysInStage, 'day')}; ${expected(b)} (${ratio.toFixed(1)}×)${most}: agree the next step.`);
  }
  return { benchmark, ratio };
}
