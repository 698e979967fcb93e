// Whole-pipeline datasets: closed deals replayed at every snapshot date and reported, each built
// so the right answer is known in advance.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/scoring/backtest/random.js';
import { buildBacktestReport, type BacktestReport } from '../../../../src/scoring/backtest/report.js';
import { snapshotDates } from '../../../../src/scoring/backtest/replay.js';
import { replayDeals } from '../../../../src/scoring/backtest/score-snapshots.js';
import type { BacktestDeal } from '../../../../src/scoring/backtest/types.js';
import type { ActivityInput, Playbook } from '../../../../src/scoring/index.js';
import { playbook } from '../builders.js';
import { contactRole, dayMs, dealOf, meetingOn, replyOn } from './deals.js';

const NOW_DAY = 400;
/** Every deal lives 100 days in Prospecting, so deals at the same distance from close look alike. */
const LIFE = 100;

/** The default playbook with benchmarks pinned to its defaults, so time in stage reads the same for every deal. */
function pinnedPlaybook(): Playbook {
  const pb = playbook();
  pb.benchmarks.minSample = 1_000_000;
  // Two engaged buyers expected in Prospecting (the default expects one there), so threading can tell these deals apart.
  pb.stages.open.find((stage) => stage.name === 'Prospecting')!.minEngagedContacts = 2;
  return pb;
}

function backtest(deals: BacktestDeal[], pb: Playbook): BacktestReport {
  const dates = snapshotDates(dayMs(NOW_DAY), 12, 7);
  return buildBacktestReport(replayDeals(deals, pb, dates), pb, { months: 12, everyDays: 7, horizons: [30, 60, 90], dates, rounds: 300 });
}

/** Customer meetings with `contactId` every 10 days of the deal's life, logged `lateBy` days after they happened. */
function meetings(dealId: string, contactId: string, created: number, lateBy: number): ActivityInput[] {
  return Array.from({ length: LIFE / 10 }, (_, i) => meetingOn(`00U${dealId}${i}`, contactId, created + i * 10, created + i * 10 + lateBy));
}

/** Customer email replies (Tasks) from `contactId` every 10 days of the deal's life, logged `lateBy` days after they were dated. */
function replies(dealId: string, contactId: string, created: number, lateBy: number): ActivityInput[] {
  return Array.from({ length: LIFE / 10 }, (_, i) => replyOn(`00T${dealId}${i}`, contactId, created + i * 10, created + i * 10 + lateBy));
}

/** A deal created on `created`, closed LIFE days later, with an engaged Mobilizer and, unless single-threaded, a second engaged contact. */
function deal(n: number, won: boolean, options: { singleThreaded: boolean; mobilizer?: boolean; meetingsLateBy?: number | null; repliesLateBy?: number | null }): BacktestDeal {
  const id = `006${String(n).padStart(4, '0')}`;
  const created = 150 + (n % 100);
  const lateBy = options.meetingsLateBy === undefined ? 0 : options.meetingsLateBy;
  const roles = [contactRole(`003${n}M`, options.mobilizer === false ? 'Guide' : 'Teacher', created)];
  if (!options.singleThreaded) roles.push(contactRole(`003${n}G`, 'Friend', created));
  return dealOf({
    id,
    stages: [['Prospecting', created]],
    closed: { day: created + LIFE, won },
    contactRoles: roles,
    activities: [
      ...(lateBy === null ? [] : meetings(id, `003${n}M`, created, lateBy)),
      // Threading counts who took part: the second contact meets the seller too.
      ...(lateBy === null || options.singleThreaded ? [] : meetings(`${id}G`, `003${n}G`, created, lateBy)),
      ...(options.repliesLateBy === undefined || options.repliesLateBy === null ? [] : replies(id, `003${n}M`, created, options.repliesLateBy)),
    ],
  });
}

function scoreAuc(report: BacktestReport, days: number) {
  return report.horizons.find((h) => h.days === days)!.score;
}

describe('backtest datasets', () => {
  it('when one signal fires on exactly the lost deals, then the score separates them (AUC ≈ 1) and that signal gets the largest suggested points', () => {
    // SINGLE_THREADED is one of the smallest signals in the playbook (10 points); it alone tells won from lost here.
    const deals = Array.from({ length: 120 }, (_, n) => deal(n, n % 2 === 0, { singleThreaded: n % 2 === 1 }));
    const report = backtest(deals, pinnedPlaybook());
    for (const days of [30, 60, 90]) {
      const auc = scoreAuc(report, days);
      expect(auc.value, `horizon ${days}`).toBeCloseTo(1, 9);
      expect(auc.won).toBeGreaterThan(40);
      expect(auc.lost).toBeGreaterThan(40);
    }
    const suggested = report.suggestedPoints.signals;
    const single = suggested.find((s) => s.code === 'SINGLE_THREADED')!;
    expect(single.playbook).toBe(10);
    expect(single.suggested).toBeGreaterThan(Math.max(...suggested.filter((s) => s.code !== 'SINGLE_THREADED').map((s) => s.suggested)));
    expect(report.horizons[0]!.signals.find((s) => s.code === 'SINGLE_THREADED')).toMatchObject({ winRateFired: 0, winRateNotFired: 1 });
  });

  it('when signals fire at random, whatever the outcome, then AUC ≈ 0.5 lies within its interval and the suggested points stay near the playbook', () => {
    const random = seededRandom(42);
    const deals = Array.from({ length: 240 }, (_, n) => deal(n, random() < 0.5, { singleThreaded: random() < 0.5, mobilizer: random() < 0.5 }));
    const report = backtest(deals, pinnedPlaybook());
    for (const days of [30, 60, 90]) {
      const auc = scoreAuc(report, days);
      if (auc.value === null) throw new Error(auc.reason);
      expect(auc.low, `horizon ${days}`).toBeLessThanOrEqual(0.5);
      expect(auc.high, `horizon ${days}`).toBeGreaterThanOrEqual(0.5);
      expect(Math.abs(auc.value - 0.5)).toBeLessThan(0.12);
    }
    for (const s of report.suggestedPoints.signals) expect(Math.abs(s.suggested - s.playbook), s.code).toBeLessThanOrEqual(20);
  });

  it('when won deals\' customer Tasks were logged only after they closed, then the replay never sees them: the AUC is that of no Tasks at all', () => {
    const pb = pinnedPlaybook();
    // Nobody meets; lost deals hear nothing from the Mobilizer; won deals did, but those Tasks were created after the close.
    const dataset = (lateBy: number | null) =>
      Array.from({ length: 120 }, (_, n) => deal(n, n % 2 === 0, { singleThreaded: false, meetingsLateBy: null, repliesLateBy: n % 2 === 0 ? lateBy : null }));
    const loggedAfterClose = backtest(dataset(LIFE + 5), pb);
    const noTasks = backtest(dataset(null), pb);
    const loggedOnTime = backtest(dataset(0), pb);
    for (const days of [30, 60, 90]) {
      expect(scoreAuc(loggedAfterClose, days).value, `horizon ${days}`).toBe(scoreAuc(noTasks, days).value);
      expect(scoreAuc(loggedAfterClose, days).value).toBeCloseTo(0.5, 9);
      // The control: the same Tasks logged when they were dated do tell won from lost.
      expect(scoreAuc(loggedOnTime, days).value).toBeGreaterThan(0.9);
    }
  });
});
