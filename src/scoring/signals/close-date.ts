import type { DealFacts } from '../deal-facts.js';
import { closeDatePushesOfSorted } from '../history.js';
import { parseTime, wholeDaysBetween } from '../time.js';
import { plural } from '../wording.js';
import type { SignalSink } from './sink.js';

/** CLOSE_DATE_PUSHED and CLOSE_DATE_PASSED: how the close date moved and whether it has passed. */
export function closeDateSignals(deal: DealFacts, out: SignalSink): { closeDatePushes: number; daysPastCloseDate: number | null } {
  const { opp, todayMs } = deal;
  const cfg = out.cfg;
  const pushes = closeDatePushesOfSorted(opp.fieldHistory, () => deal.sortedHistory);
  if (out.on('CLOSE_DATE_PUSHED') && pushes.length >= cfg.CLOSE_DATE_PUSHED.minPushes) {
    const last = pushes[pushes.length - 1]!;
    out.fire('CLOSE_DATE_PUSHED', cfg.CLOSE_DATE_PUSHED.points, `Close date pushed out ${plural(pushes.length, 'time')}, most recently from ${last.from} to ${last.to}.`);
  }
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
