import type { NotScoredAssessment, Assessment, Signal } from './assessment.js';
import type { Benchmarks } from './benchmark-types.js';
import { compilePlaybook } from './compiled.js';
import { dealFacts } from './deal-facts.js';
import { SIGNAL_CODES, type Playbook, type RiskLevel, type SignalCode } from './playbook.js';
import { closeDateSignals } from './signals/close-date.js';
import { commitmentSignals } from './signals/commitment.js';
import { coverageSignals, threadingSignals } from './signals/coverage.js';
import { SignalSink } from './signals/sink.js';
import { timeInStageSignals } from './signals/time-in-stage.js';
import { verifierSignals } from './signals/verifiers.js';
import { closedDealTasks, planTasks, scoredAtText } from './task-plan.js';
import { isoDateTime } from './time.js';
import type { OpportunityInput } from './types.js';

export * from './assessment.js';

/** Tie-break order of signals with equal points: the order of the playbook's signal list. */
const SIGNAL_ORDER = Object.fromEntries(SIGNAL_CODES.map((code, i) => [code, i])) as Record<SignalCode, number>;

const byPoints = (a: Signal, b: Signal): number => b.points - a.points || SIGNAL_ORDER[a.code] - SIGNAL_ORDER[b.code];

/** Sorts a deal's handful of signals in place by {@link byPoints}: insertion sort, cheaper than Array#sort's setup for so few. */
function sortByPoints(signals: Signal[]): Signal[] {
  for (let i = 1; i < signals.length; i++) {
    const item = signals[i]!;
    let j = i - 1;
    for (; j >= 0 && byPoints(signals[j]!, item) > 0; j--) signals[j + 1] = signals[j]!;
    signals[j + 1] = item;
  }
  return signals;
}

function levelOf(score: number, playbook: Playbook): RiskLevel {
  return score >= playbook.levels.high ? 'High' : score >= playbook.levels.medium ? 'Medium' : 'Low';
}

/**
 * Scores one opportunity: time in stage against the benchmark, the stage's cumulative customer
 * verifiers, Mobilizer coverage and engagement, close-date behaviour and the commitment signals,
 * each signal worth the playbook's points (sum capped at 100). Inputs the org does not record are
 * listed as not assessed, never scored. Closed deals are not scored. Pure: `now` is the only clock.
 *
 * Lookups derived from `playbook` are cached per object, so treat a playbook as read-only once it
 * has been used (parse a new one to change it).
 */
export function assessOpportunity(opp: OpportunityInput, playbook: Playbook, benchmarks: Benchmarks, now: Date): Assessment {
  const pb = compilePlaybook(playbook);
  if (opp.IsClosed || pb.closedStages.has(opp.StageName)) {
    const closed: NotScoredAssessment = {
      status: 'not_scored',
      opportunityId: opp.Id,
      opportunityName: opp.Name,
      scoredAt: now.toISOString(),
      reason: `Closed deals are not scored (stage '${opp.StageName}').`,
      tasks: closedDealTasks(playbook, pb),
    };
    return closed;
  }
  const nowMs = now.getTime();
  const deal = dealFacts(opp, playbook, pb, nowMs);
  const out = new SignalSink(playbook.signals);
  const time = timeInStageSignals(deal, benchmarks, out);
  const notAssessed = coverageSignals(deal, out, benchmarks.engagement);
  threadingSignals(deal, out, benchmarks.engagement);
  const verifiers = verifierSignals(deal, benchmarks.verifiers, out);
  const closeDate = closeDateSignals(deal, out);
  notAssessed.push(...commitmentSignals(deal, out, benchmarks));

  const signals = sortByPoints(out.signals);
  let sum = 0;
  const codes: SignalCode[] = [];
  const reasons: string[] = [];
  for (const s of signals) {
    sum += s.points;
    codes.push(s.code);
    reasons.push(s.reason);
  }
  const score = Math.min(100, sum);
  const level = levelOf(score, playbook);
  return {
    status: 'scored',
    opportunityId: opp.Id,
    opportunityName: opp.Name,
    scoredAt: scoredAtText(nowMs),
    score,
    level,
    codes,
    codesText: codes.join(';'),
    reasons,
    reasonsText: reasons.join('\n'),
    signals,
    facts: {
      stage: opp.StageName,
      stageKnown: deal.stageIndex !== undefined,
      stageEnteredAt: deal.entry ? isoDateTime(deal.entry.ms) : null,
      stageEnteredSource: deal.entry?.source ?? null,
      daysInStage: deal.daysInStage,
      benchmark: time.benchmark,
      ratio: time.ratio,
      contacts: deal.contacts,
      profiledContacts: deal.contacts.length - deal.contacts.filter((c) => c.group === 'unknown').length,
      mobilizers: deal.mobilizers.map((m) => m.id),
      blockers: deal.blockers.map((b) => b.id),
      verifiersMet: verifiers.verifiersMet,
      verifiersMissing: verifiers.verifiersMissing,
      verifiersUncalibrated: verifiers.verifiersUncalibrated,
      notAssessed,
      closeDate: opp.CloseDate ?? null,
      closeDatePushes: closeDate.closeDatePushes,
      daysPastCloseDate: closeDate.daysPastCloseDate,
    },
    tasks: planTasks(opp.Id, signals, codes, level, playbook, pb, nowMs),
  };
}
