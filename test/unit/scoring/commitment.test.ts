// Commitment signals: close date pushed out, amount lowered, stage regression, the next meeting and the next step.
import { describe, expect, it } from 'vitest';
import { fiscalQuarter } from '../../../src/scoring/signals/close-date.js';
import type { OpportunityHistoryRow } from '../../../src/scoring/types.js';
import { benchmarks, daysAgo, healthyDeal, historyTo, meeting, playbook, pointsOf, reply, scored } from './builders.js';

const STAGE = 'Negotiation/Review';

describe('CLOSE_DATE_PUSHED from OpportunityHistory.PrevCloseDate (field history untracked)', () => {
  /** History rows, each moving the close date from `from` to `to`, in STAGE. */
  const moves = (...pairs: [string, string][]): OpportunityHistoryRow[] => [
    { StageName: STAGE, CreatedDate: daysAgo(40), CloseDate: pairs[0]?.[0] ?? '2026-07-01', PrevCloseDate: null, Amount: 60_000 },
    ...pairs.map(([from, to], i) => ({ StageName: STAGE, CreatedDate: daysAgo(30 - i), CloseDate: to, PrevCloseDate: from, Amount: 60_000 })),
  ];
  it.each([
    ['no push', [], false],
    ['a push of 30 days within the quarter', [['2026-07-01', '2026-07-31']], false],
    ['a push of 31 days within the quarter', [['2026-07-01', '2026-08-01']], true],
    ['two pushes of 15 days (30 in all)', [['2026-07-01', '2026-07-16'], ['2026-07-16', '2026-07-31']], false],
    ['two pushes of 15 and 16 days (31 in all)', [['2026-07-01', '2026-07-16'], ['2026-07-16', '2026-08-01']], true],
    ['a one-day push across a quarter boundary', [['2026-06-30', '2026-07-01']], true],
    ['a pull-in across a quarter boundary', [['2026-07-01', '2026-06-30']], false],
  ] as [string, [string, string][], boolean][])('when the history shows %s, then pushed out is %s', (_, pairs, expected) => {
    const a = scored(healthyDeal(STAGE, { history: moves(...pairs), fieldHistory: [], CloseDate: pairs.at(-1)?.[1] ?? '2026-07-01' }));
    expect(pointsOf(a, 'CLOSE_DATE_PUSHED')).toBe(expected ? 10 : 0);
  });

  it('when the close date is pushed twice into a later quarter, then one signal owns the move: CLOSE_DATE_PUSHED, 10 points once', () => {
    const a = scored(healthyDeal(STAGE, { history: moves(['2026-06-20', '2026-07-10'], ['2026-07-10', '2026-08-15']), fieldHistory: [], CloseDate: '2026-08-15' }));
    expect(a.codes.filter((code) => code.startsWith('CLOSE_DATE'))).toEqual(['CLOSE_DATE_PUSHED']);
    expect(pointsOf(a, 'CLOSE_DATE_PUSHED')).toBe(10);
  });

  it('when only the latest history rows remain, then PrevCloseDate still shows the quarter-crossing push and the reason names it', () => {
    // One row: no earlier row to compare with, so only PrevCloseDate tells the close date moved.
    const history: OpportunityHistoryRow[] = [{ StageName: STAGE, CreatedDate: daysAgo(3), CloseDate: '2026-07-10', PrevCloseDate: '2026-06-25', Amount: 60_000 }];
    const a = scored(healthyDeal(STAGE, { history, fieldHistory: [], CloseDate: '2026-07-10' }));
    expect(a.signals.find((s) => s.code === 'CLOSE_DATE_PUSHED')).toMatchObject({
      points: 10,
      reason: 'Close date pushed out into a later quarter (2026-06-25 → 2026-07-10): 1 move, 15 days in all (2026-06-25 → 2026-07-10).',
    });
  });

  it.each([
    [1, '2026-03-31', 2026 * 4 + 0],
    [1, '2026-04-01', 2026 * 4 + 1],
    [2, '2026-01-31', 2025 * 4 + 3],
    [2, '2026-02-01', 2026 * 4 + 0],
    [10, '2026-09-30', 2025 * 4 + 3],
    [10, '2026-10-01', 2026 * 4 + 0],
  ])('when the fiscal year starts in month %i, then %s is in quarter number %i', (start, date, q) => {
    expect(fiscalQuarter(date, start)).toBe(q);
  });

  it('when the fiscal year starts in February, then a push from January to February crosses a quarter', () => {
    const pb = playbook();
    const history = moves(['2026-01-20', '2026-02-02']);
    expect(pointsOf(scored(healthyDeal(STAGE, { history, CloseDate: '2026-02-02' }), pb, benchmarks(pb)), 'CLOSE_DATE_PUSHED')).toBe(0);
    pb.signals.CLOSE_DATE_PUSHED.fiscalYearStartMonth = 2;
    expect(pointsOf(scored(healthyDeal(STAGE, { history, CloseDate: '2026-02-02' }), pb, benchmarks(pb)), 'CLOSE_DATE_PUSHED')).toBe(10);
  });
});

describe('AMOUNT_LOWERED since the stage was entered', () => {
  const withAmounts = (atEntry: number | null, now: number | null) => {
    const history = historyTo(STAGE, 10).map((r) => ({ ...r, Amount: r.StageName === STAGE ? atEntry : 80_000 }));
    return healthyDeal(STAGE, { history, Amount: now });
  };
  it.each([
    [50_000, 50_000, false],
    [50_000, 40_000, false], // exactly 20%: not more than 20%
    [50_000, 39_999, true],
    [50_000, 70_000, false],
    [null, 10_000, false],
    [50_000, null, false],
  ])('when the amount was %s at stage entry and is %s now, then lowered is %s', (atEntry, now, expected) => {
    expect(pointsOf(scored(withAmounts(atEntry, now)), 'AMOUNT_LOWERED')).toBe(expected ? 10 : 0);
  });

  it('when the stage entry is not from history, then the amount is not judged', () => {
    expect(pointsOf(scored(healthyDeal(STAGE, { history: [], LastStageChangeDate: daysAgo(3), Amount: 1 })), 'AMOUNT_LOWERED')).toBe(0);
  });

  it('when it fires, then the reason gives both amounts, the drop and the entry date', () => {
    const a = scored(withAmounts(50_000, 30_000));
    expect(a.signals.find((s) => s.code === 'AMOUNT_LOWERED')!.reason).toBe(`Amount lowered from 50,000 to 30,000 (−40%) since the deal entered ${STAGE} on ${daysAgo(10).slice(0, 10)}.`);
  });
});

describe('STAGE_REGRESSED', () => {
  const back = (ago: number, from = 'Negotiation/Review', to = 'Proposal/Price Quote'): OpportunityHistoryRow[] => [
    { StageName: 'Qualification', CreatedDate: daysAgo(ago + 20) },
    { StageName: from, CreatedDate: daysAgo(ago + 10) },
    { StageName: to, CreatedDate: daysAgo(ago) },
  ];
  it.each([
    ['moved back 30 days ago', back(30), 'Proposal/Price Quote', true],
    ['moved back 31 days ago', back(31), 'Proposal/Price Quote', false],
    ['moved forward', back(5, 'Qualification', 'Proposal/Price Quote'), 'Proposal/Price Quote', false],
    ['moved back from a stage outside the playbook', back(5, 'Pilot'), 'Proposal/Price Quote', false],
  ])('when the deal %s, then regressed is %s', (_, history, stage, expected) => {
    const a = scored(healthyDeal(stage, { history }));
    expect(pointsOf(a, 'STAGE_REGRESSED')).toBe(expected ? 10 : 0);
  });

  it('when it fires, then the reason names both stages and the date', () => {
    const a = scored(healthyDeal('Proposal/Price Quote', { history: back(4) }));
    expect(a.signals.find((s) => s.code === 'STAGE_REGRESSED')!.reason).toBe(`Moved back from Negotiation/Review to Proposal/Price Quote on ${daysAgo(4).slice(0, 10)}.`);
  });
});

describe('NO_NEXT_MEETING late in the cycle', () => {
  const base = [meeting('00U1', '003M', 5, ['003M', '003E']), reply('00T1', '003G', 3)];
  it.each([
    ['Negotiation/Review', [meeting('00UN', '003M', -14)], false],
    ['Negotiation/Review', [meeting('00UN', '003M', -15)], true],
    ['Negotiation/Review', [meeting('00UN', '003X', -3, ['003X'])], false], // a buyer not on the contact roles
    ['Negotiation/Review', [{ ...reply('00TN', '003M', -3) }], true], // a task is no meeting
    ['Negotiation/Review', [], true],
    ['Proposal/Price Quote', [], true],
    ['Perception Analysis', [], false], // before fromStage
  ] as const)('when in %s with %j booked, then no-next-meeting is %s', (stage, booked, expected) => {
    const a = scored(healthyDeal(stage, { activities: [...base, ...booked] }));
    expect(pointsOf(a, 'NO_NEXT_MEETING')).toBe(expected ? 10 : 0);
  });
});

describe('NEXT_STEP_STALE', () => {
  const changed = (ago: number) => [{ Field: 'NextStep', OldValue: 'Call', NewValue: 'Send redlines', CreatedDate: daysAgo(ago) }];
  it.each([
    ['not read by the adapter', undefined, [], false],
    ['empty', null, [], true],
    ['blank', '  ', [], true],
    ['set, history untracked', 'Send redlines', [], false],
    ['set and changed 29 days ago', 'Send redlines', changed(29), false],
    ['set and changed 30 days ago', 'Send redlines', changed(30), true],
  ] as const)('when the next step is %s, then stale is %s', (_, NextStep, fieldHistory, expected) => {
    const deal = healthyDeal(STAGE, { fieldHistory: [...fieldHistory] });
    const a = scored(NextStep === undefined ? deal : { ...deal, NextStep });
    expect(pointsOf(a, 'NEXT_STEP_STALE')).toBe(expected ? 5 : 0);
  });
});
