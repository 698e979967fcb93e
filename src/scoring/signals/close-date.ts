import type { DealFacts } from '../deal-facts.js';
import { closeDatePushesOfSorted, type CloseDatePush } from '../history.js';
import { DAY_MS, parseTime, wholeDaysBetween } from '../time.js';
import { plural } from '../wording.js';
import type { SignalSink } from './sink.js';

/** The digit at `i` as a number. A module function, not a closure per call: tsx names every closure it creates (keepNames). */
const digitAt = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** The fiscal quarter of a 'YYYY-MM-DD' date as a running number (4 × fiscal year + quarter), with the year starting in `startMonth`. */
export function fiscalQuarter(date: string, startMonth: number): number {
  // Read by char code: slicing and Number() of four fields per push showed in the scoring profile.
  const year = digitAt(date, 0) * 1000 + digitAt(date, 1) * 100 + digitAt(date, 2) * 10 + digitAt(date, 3);
  const months = year * 12 + digitAt(date, 5) * 10 + digitAt(date, 6) - 1 - (startMonth - 1);
  return Math.floor(months / 3);
}

const daysOf = (p: CloseDatePush): number => Math.round((p.toMs - p.fromMs) / DAY_MS);

const crossesQuarter = (p: CloseDatePush, startMonth: number): boolean => fiscalQuarter(p.to, startMonth) > fiscalQuarter(p.from, startMonth);

const move = (p: CloseDatePush): string => `${p.from} → ${p.to}`;

/**
 * CLOSE_DATE_PUSHED, the one signal for "the close date moved out": a push crossed a fiscal
 * quarter boundary, or the pushes add up to more than `maxTotalDays` (pull-ins do not offset them).
 * Small moves within the quarter do not fire, however many: they do not change the forecast.
 */
function pushedOut(pushes: readonly CloseDatePush[], out: SignalSink): void {
  const cfg = out.cfg.CLOSE_DATE_PUSHED;
  if (pushes.length === 0 || !out.on('CLOSE_DATE_PUSHED')) return;
  // Counted first: most deals with pushes do not fire, and the list is built only for those that do.
  let total = 0;
  let crossings = 0;
  for (const p of pushes) {
    total += daysOf(p);
    if (crossesQuarter(p, cfg.fiscalYearStartMonth)) crossings++;
  }
  if (crossings === 0 && total <= cfg.maxTotalDays) return;
  const crossing = crossings === 0 ? [] : pushes.filter((p) => crossesQuarter(p, cfg.fiscalYearStartMonth));
  const why = crossing.length > 0 ? `into a later quarter (${crossing.map(move).join(', ')})` : `by more than ${cfg.maxTotalDays} days`;
  out.fire(
    'CLOSE_DATE_PUSHED',
    cfg.points,
    `Close date pushed out ${why}: ${plural(pushes.length, 'move')}, ${plural(total, 'day')} in all (${pushes.map(move).join(', ')}).`,
    pushes.map((p) => `CloseDate=${p.to}`),
  );
}

/** CLOSE_DATE_PUSHED and CLOSE_DATE_PASSED: how far the close date moved out and whether it has passed. */
export function closeDateSignals(deal: DealFacts, out: SignalSink): { closeDatePushes: number; daysPastCloseDate: number | null } {
  const { opp, todayMs } = deal;
  const pushes = closeDatePushesOfSorted(opp.fieldHistory, () => deal.sortedHistory);
  pushedOut(pushes, out);
  const closeMs = parseTime(opp.CloseDate?.slice(0, 10));
  let daysPastCloseDate: number | null = null;
  if (opp.CloseDate && closeMs < todayMs) {
    daysPastCloseDate = wholeDaysBetween(closeMs, todayMs);
    if (out.on('CLOSE_DATE_PASSED')) {
      out.fire('CLOSE_DATE_PASSED', out.cfg.CLOSE_DATE_PASSED.points, `Close date ${opp.CloseDate.slice(0, 10)} passed ${plural(daysPastCloseDate, 'day')} ago and the deal is still open.`);
    }
  }
  return { closeDatePushes: pushes.length, daysPastCloseDate };
}
