import type { NotAssessed } from '../assessment.js';
import type { Benchmarks, InputCalibration } from '../benchmark-types.js';
import { matchesPrepared, type DealFacts } from '../deal-facts.js';
import { DAY_MS, isoDate, parseTime, wholeDaysBetween } from '../time.js';
import { plural } from '../wording.js';
import type { SignalSink } from './sink.js';

/** '60,000' or '1,234.5': hand-rolled, as toLocaleString costs microseconds a deal cannot spare. */
function money(n: number): string {
  const [whole, fraction] = String(Math.round(Math.abs(n) * 100) / 100).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** AMOUNT_LOWERED: the amount fell by more than `minDropPercent` since the deal entered its stage (known from stage history only). */
function amountLowered(deal: DealFacts, out: SignalSink): void {
  const { entry, sortedHistory, opp } = deal;
  if (!out.on('AMOUNT_LOWERED') || entry?.source !== 'history') return;
  const { rows, ms } = sortedHistory;
  // The amount at entry is the last row's at or before the entry. Searched from the end: the current
  // run's rows are few, and reading every row's Amount from the start showed in the profile.
  let last = rows.length - 1;
  while (last >= 0 && ms[last]! > entry.ms) last--;
  const atEntry = last >= 0 ? rows[last]!.Amount : undefined;
  const now = opp.Amount ?? rows[rows.length - 1]?.Amount;
  if (typeof atEntry !== 'number' || atEntry <= 0 || typeof now !== 'number') return;
  const drop = ((atEntry - now) / atEntry) * 100;
  const cfg = out.cfg.AMOUNT_LOWERED;
  if (drop <= cfg.minDropPercent + 1e-9) return;
  out.fire(
    'AMOUNT_LOWERED',
    cfg.points,
    `Amount lowered from ${money(atEntry)} to ${money(now)} (−${Math.round(drop)}%) since the deal entered ${opp.StageName} on ${isoDate(entry.ms)}.`,
    [`Amount=${now}`],
  );
}

/** STAGE_REGRESSED: the deal's current stage was entered from a later open stage in the last `withinDays`. */
function stageRegressed(deal: DealFacts, out: SignalSink): void {
  if (!out.on('STAGE_REGRESSED') || deal.stageIndex === undefined) return;
  const { runs } = deal;
  const current = runs[runs.length - 1];
  const before = runs[runs.length - 2];
  if (!current || !before || current.stage !== deal.opp.StageName) return;
  const from = deal.pb.stageIndex.get(before.stage);
  const cfg = out.cfg.STAGE_REGRESSED;
  if (from === undefined || from <= deal.stageIndex || current.startMs < deal.todayMs - cfg.withinDays * DAY_MS) return;
  out.fire('STAGE_REGRESSED', cfg.points, `Moved back from ${before.stage} to ${current.stage} on ${isoDate(current.startMs)}.`);
}

/** NO_NEXT_MEETING: from `fromStage` on, no customer meeting booked in the next `withinDays`. */
function noNextMeeting(deal: DealFacts, out: SignalSink, engagement: InputCalibration | undefined): NotAssessed[] {
  if (!out.on('NO_NEXT_MEETING') || deal.stageIndex === undefined || deal.pb.lateFrom < 0 || deal.stageIndex < deal.pb.lateFrom) return [];
  if (engagement?.calibrated === false) return [{ code: 'NO_NEXT_MEETING', reason: 'No won deal in the benchmark window shows customer activity, so booked meetings are not judged.' }];
  const cfg = out.cfg.NO_NEXT_MEETING;
  const until = deal.nowMs + cfg.withinDays * DAY_MS;
  if (deal.upcoming.some((p) => p.ms <= until && matchesPrepared(deal.pb.nextMeeting, p))) return [];
  out.fire('NO_NEXT_MEETING', cfg.points, `No customer meeting booked in the next ${cfg.withinDays} days, late in the cycle (${deal.opp.StageName}).`);
  return [];
}

/**
 * NEXT_STEP_STALE: Next Step empty, or unchanged for `staleDays` where its field history is
 * tracked. Not judged when the input has no NextStep, nor where no won deal had one.
 */
function nextStepStale(deal: DealFacts, out: SignalSink, calibration: InputCalibration | undefined): NotAssessed[] {
  const { opp } = deal;
  if (!out.on('NEXT_STEP_STALE') || opp.NextStep === undefined) return [];
  if (calibration?.calibrated === false) return [{ code: 'NEXT_STEP_STALE', reason: 'No won deal in the benchmark window has a Next Step, so the org does not use it.' }];
  const cfg = out.cfg.NEXT_STEP_STALE;
  const step = opp.NextStep?.trim() ?? '';
  if (step === '') {
    out.fire('NEXT_STEP_STALE', cfg.points, 'No next step on the deal: agree one with the customer and note it.', ['NextStep=']);
    return [];
  }
  let changedMs = -Infinity;
  for (const row of opp.fieldHistory) {
    if (row.Field !== 'NextStep') continue;
    const ms = parseTime(row.CreatedDate);
    if (ms > changedMs) changedMs = ms;
  }
  const days = Number.isFinite(changedMs) ? wholeDaysBetween(changedMs, deal.nowMs) : 0;
  if (days >= cfg.staleDays) {
    out.fire('NEXT_STEP_STALE', cfg.points, `Next step "${step}" unchanged for ${plural(days, 'day')} (since ${isoDate(changedMs)}).`, [`NextStep=${step}`]);
  }
  return [];
}

/** The commitment signals: amount, stage regression, the next meeting and the next step. */
export function commitmentSignals(deal: DealFacts, out: SignalSink, benchmarks: Pick<Benchmarks, 'engagement' | 'nextStep'>): NotAssessed[] {
  amountLowered(deal, out);
  stageRegressed(deal, out);
  const notAssessed = nextStepStale(deal, out, benchmarks.nextStep);
  const meeting = noNextMeeting(deal, out, benchmarks.engagement);
  return meeting.length === 0 ? notAssessed : notAssessed.concat(meeting);
}
