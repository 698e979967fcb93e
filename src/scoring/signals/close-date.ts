import type { DealFacts } from '../deal-facts.js';
import { closeDatePushesOfSorted, type CloseDatePush } from '../history.js';
import { DAY_MS, parseTime, wholeDaysBetween } from '../time.js';
import { plural } from '../wording.js';
import type { SignalSink } from './sink.js';

/** The fiscal quarter of a 'YYYY-MM-DD' date as a running number (4 × fiscal year + quarter), with the year starting in `startMonth`. */
export function fiscalQuarter(date: string, startMonth: number): number {
  const months = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - (startMonth - 1);
  return Math.floor(months / 3);
}

const daysOf = (p: CloseDatePush): number => Math.round((parseTime(p.to) - parseTime(p.from)) / DAY_MS);

/** CLOSE_DATE_SLIPPED: a push crossed a quarter boundary, or the pushes add up to more than `maxTotalDays`. */
function slipped(pushes: readonly CloseDatePush[], out: SignalSink): void {
  const cfg = out.cfg.CLOSE_DATE_SLIPPED;
  if (pushes.length === 0 || !out.on('CLOSE_DATE_SLIPPED')) return;
  const crossing = pushes.filter((p) => fiscalQuarter(p.to, cfg.fiscalYearStartMonth) > fiscalQuarter(p.from, cfg.fiscalYearStartMonth));
  const total = pushes.reduce((sum, p) => sum + daysOf(p), 0);
  if (crossing.length === 0 && total <= cfg.maxTotalDays) return;
  const moves = pushes.map((p) => `${p.from} → ${p.to}`).join(', ');
  const why = crossing.length > 0 ? `into a later quarter (${crossing.map((p) => `${p.from} → ${p.to}`).join(', ')})` : `by ${total} days in all, more than ${cfg.maxTotalDays}`;
  out.fire('CLOSE_DATE_SLIPPED', cfg.points, `Close date slipped ${why}; moves: ${moves}.`, pushes.map((p) => `CloseDate=${p.to}`));
}

/** CLOSE_DATE_PUSHED, CLOSE_DATE_SLIPPED and CLOSE_DATE_PASSED: how the close date moved and whether it has passed. */
export function closeDateSignals(deal: DealFacts, out: SignalSink): { closeDatePushes: number; daysPastCloseDate: number | null } {
  const { opp, todayMs } = deal;
  const cfg = out.cfg;
  const pushes = closeDatePushesOfSorted(opp.fieldHistory, () => deal.sortedHistory);
  if (out.on('CLOSE_DATE_PUSHED') && pushes.length >= cfg.CLOSE_DATE_PUSHED.minPushes) {
    const last = pushes[pushes.length - 1]!;
    out.fire('CLOSE_DATE_PUSHED', cfg.CLOSE_DATE_PUSHED.points, `Close date pushed out ${plural(pushes.length, 'time')}, most recently from ${last.from} to ${last.to}.`);
  }
  slipped(pushes, out);
  const closeMs = parseTime(opp.CloseDate?.slice(0, 10));
  let daysPastCloseDate: number | null = null;
  if (opp.CloseDate && closeMs < todayMs) {
    daysPastCloseDate = wholeDaysBetween(closeMs, todayMs);
    if (out.on('CLOSE_DATE_PASSED')) {
      out.fire('CLOSE_DATE_PASSED', cfg.CLOSE_DATE_PASSED.points, `Close date ${opp.CloseDate.slice(0, 10)} passed ${plural(daysPastCloseDate, 'day')} ago and the deal is still open.`);
    }
  }
  return { closeDatePushes: pushes.length, daysPastCloseDate };
}
