import { describe, expect, it } from 'vitest';
import { closedBy, closedStagesOf, prepareClosed, prepareDeal, snapshotAt, snapshotDates, type PreparedDeal } from '../../../../src/scoring/backtest/replay.js';
import { replayDeals, scoreSnapshotsAt } from '../../../../src/scoring/backtest/score-snapshots.js';
import type { BacktestDeal } from '../../../../src/scoring/backtest/types.js';
import { playbook } from '../builders.js';
import { contactRole, date, DAY, day, dayMs, dealOf, meetingOn } from './deals.js';

const pb = playbook();
const closedStages = closedStagesOf(pb);

function prepared(deal: BacktestDeal): PreparedDeal {
  const p = prepareDeal(deal, closedStages);
  if (!p) throw new Error(`deal ${deal.Id} was not prepared`);
  return p;
}

/** A deal lost on day 100 whose stage, amount and close date all changed on day 50. */
function changedOnDay50(): BacktestDeal {
  return dealOf({
    id: '006A',
    stages: [['Qualification', 0]],
    closed: { day: 100, won: false },
    amount: 10_000,
    closeDate: 60,
    extraHistory: [{ StageName: 'Value Proposition', CreatedDate: day(50), Amount: 25_000, CloseDate: date(90), Probability: 50, ForecastCategory: 'BestCase' }],
  });
}

describe('replay of a deal at a snapshot date', () => {
  it('when a history row was created after D, then the snapshot at D keeps the stage, amount, close date and probability from before it', () => {
    const deal = changedOnDay50();
    // The extra row sorts by CreatedDate, not by its place in the list.
    const before = snapshotAt(prepared(deal), dayMs(49), closedStages)!;
    expect(before.opportunity.StageName).toBe('Qualification');
    expect(before.opportunity.Amount).toBe(10_000);
    expect(before.opportunity.CloseDate).toBe(date(60));
    expect(before.probability).toBe(10);
    expect(before.forecastCategory).toBe('Pipeline');
    expect(before.opportunity.history).toHaveLength(1);

    const after = snapshotAt(prepared(deal), dayMs(50), closedStages)!;
    expect(after.opportunity.StageName).toBe('Value Proposition');
    expect(after.opportunity.Amount).toBe(25_000);
    expect(after.opportunity.CloseDate).toBe(date(90));
    expect(after.forecastCategory).toBe('BestCase');
  });

  it('when a contact role or an activity was created after D, then it is not in the snapshot at D, even when the activity is dated before D', () => {
    const deal = dealOf({
      id: '006B',
      stages: [['Qualification', 0]],
      closed: { day: 100, won: true },
      contactRoles: [contactRole('003A', 'Teacher', 5), contactRole('003B', 'Guide', 40)],
      activities: [meetingOn('00U1', '003A', 10), meetingOn('00U2', '003A', 20, 45), meetingOn('00U3', '003A', 60)],
    });
    const snapshot = snapshotAt(prepared(deal), dayMs(30), closedStages)!;
    expect(snapshot.opportunity.contactRoles.map((r) => r.ContactId)).toEqual(['003A']);
    // 00U2 happened on day 20 but was only logged on day 45; 00U3 was logged on day 60.
    expect(snapshot.opportunity.activities.map((a) => a.Id)).toEqual(['00U1']);
    const later = snapshotAt(prepared(deal), dayMs(50), closedStages)!;
    expect(later.opportunity.contactRoles.map((r) => r.ContactId)).toEqual(['003A', '003B']);
    expect(later.opportunity.activities.map((a) => a.Id)).toEqual(['00U1', '00U2']);
  });

  it('when a field changed after D, then the snapshot at D holds its old value; a field without history keeps today\'s', () => {
    const deal: BacktestDeal = {
      ...dealOf({ id: '006C', stages: [['Needs Analysis', 0]], closed: { day: 100, won: true } }),
      fields: { Success_Criteria_Agreed__c: true, Proposal_Reviewed_Date__c: date(80) },
      fieldHistory: [{ Field: 'Success_Criteria_Agreed__c', OldValue: false, NewValue: true, CreatedDate: day(30) }],
    };
    expect(snapshotAt(prepared(deal), dayMs(20), closedStages)!.opportunity.fields).toEqual({ Success_Criteria_Agreed__c: false, Proposal_Reviewed_Date__c: date(80) });
    expect(snapshotAt(prepared(deal), dayMs(40), closedStages)!.opportunity.fields.Success_Criteria_Agreed__c).toBe(true);
  });

  it('when the Next Step changed after D, then the snapshot at D holds its old value; without any Next Step history it is not judged', () => {
    const base = dealOf({ id: '006N', stages: [['Needs Analysis', 0]], closed: { day: 100, won: true } });
    const deal: BacktestDeal = {
      ...base,
      NextStep: 'Sign the order form',
      fieldHistory: [
        { Field: 'NextStep', OldValue: null, NewValue: 'Demo', CreatedDate: day(20) },
        { Field: 'NextStep', OldValue: 'Demo', NewValue: 'Sign the order form', CreatedDate: day(60) },
      ],
    };
    const at = (n: number) => snapshotAt(prepared(deal), dayMs(n), closedStages)!.opportunity;
    expect(at(10).NextStep).toBeNull();
    expect(at(30).NextStep).toBe('Demo');
    expect(at(30).fieldHistory.map((row) => row.NewValue)).toEqual(['Demo']);
    expect(at(70).NextStep).toBe('Sign the order form');
    // Today's value of a closed deal without history would tell the replay how the deal ended.
    expect(snapshotAt(prepared({ ...base, NextStep: 'Sign the order form' }), dayMs(30), closedStages)!.opportunity.NextStep).toBeUndefined();
  });

  it('when a meeting\'s second attendee is a Mobilizer, then the replay counts the Mobilizer as engaged, as live scoring does', () => {
    const meeting = { ...meetingOn('00U1', '003B', 50), participantIds: ['003B', '003A'] };
    const deal = dealOf({ id: '006M', stages: [['Needs Analysis', 0]], closed: { day: 100, won: true }, contactRoles: [contactRole('003A', 'Teacher', 1), contactRole('003B', 'Guide', 1)], activities: [meeting] });
    const alone = dealOf({ id: '006M', stages: [['Needs Analysis', 0]], closed: { day: 100, won: true }, contactRoles: [contactRole('003A', 'Teacher', 1), contactRole('003B', 'Guide', 1)], activities: [meetingOn('00U1', '003B', 50)] });
    const [engaged] = replayDeals([deal], pb, [dayMs(55)]);
    const [primaryOnly] = replayDeals([alone], pb, [dayMs(55)]);
    expect(primaryOnly!.points.MOBILIZER_DISENGAGED).toBeDefined();
    expect(engaged!.points.MOBILIZER_DISENGAGED).toBeUndefined();
  });

  it('when a deal was open at D and closed later, then its snapshot is labelled by the outcome, with the days left to its close', () => {
    const won = snapshotAt(prepared(dealOf({ id: '006W', stages: [['Qualification', 0]], closed: { day: 100, won: true } })), dayMs(40), closedStages)!;
    expect(won.outcome).toBe('won');
    expect(won.daysToClose).toBe(60);
    expect(won.opportunity.IsClosed).toBe(false);
    const lost = snapshotAt(prepared(dealOf({ id: '006L', stages: [['Qualification', 0]], closed: { day: 100, won: false } })), dayMs(40), closedStages)!;
    expect(lost.outcome).toBe('lost');
  });

  it('when D is before the deal was created or after it closed, then there is no snapshot', () => {
    const p = prepared(dealOf({ id: '006D', stages: [['Qualification', 10]], closed: { day: 100, won: true } }));
    expect(snapshotAt(p, dayMs(9), closedStages)).toBeUndefined();
    expect(snapshotAt(p, dayMs(100), closedStages)).toBeUndefined();
    expect(snapshotAt(p, dayMs(99), closedStages)).toBeDefined();
  });

  it('when a deal is still open, then it is left out of the replay', () => {
    expect(prepareDeal(dealOf({ id: '006O', stages: [['Qualification', 0]] }), closedStages)).toBeUndefined();
  });
});

describe('scoring snapshots at a date', () => {
  it('when deals are replayed at D, then each open one is scored with D as the clock and benchmarks from deals closed by D', () => {
    const deals = [
      dealOf({ id: '006E', stages: [['Qualification', 0]], closed: { day: 20, won: true } }),
      dealOf({ id: '006F', stages: [['Qualification', 10]], closed: { day: 100, won: false } }),
      dealOf({ id: '006G', stages: [['Qualification', 10]] }),
    ].map((d) => prepareDeal(d, closedStages)).filter((p) => p !== undefined);
    const scored = scoreSnapshotsAt(deals, pb, dayMs(60));
    expect(scored.map((s) => s.dealId)).toEqual(['006F']);
    // 50 days in Qualification against the playbook's 14: the losing pattern at D = day 60.
    expect(scored[0]!.points.LOSING_PATTERN).toBeDefined();
    expect(scored[0]!.stage).toBe('Qualification');
  });
});

describe('benchmarks of a replay', () => {
  it('when deals closed before the window are given for benchmarks only, then they set the benchmark at D and are never replayed themselves', () => {
    // Ten won deals that left Qualification after 4 days, all closed by day 30.
    const fast = Array.from({ length: 10 }, (_, i) => dealOf({ id: `006F${i}`, stages: [['Qualification', i], ['Needs Analysis', i + 4]], closed: { day: 30, won: true } }));
    const open = dealOf({ id: '006Q', stages: [['Qualification', 50]], closed: { day: 120, won: false } });
    const at = [dayMs(60)];
    const alone = replayDeals([open], pb, at);
    const withBenchmarks = replayDeals([open], pb, at, { benchmarkOnly: fast });
    // 10 days in Qualification: fine against the playbook's 14 days, the losing pattern against the org's 4.
    expect(alone.map((s) => s.dealId)).toEqual(['006Q']);
    expect(alone[0]!.points.STAGE_STALLED).toBeUndefined();
    expect(alone[0]!.points.LOSING_PATTERN).toBeUndefined();
    expect(withBenchmarks.map((s) => s.dealId)).toEqual(['006Q']);
    expect(withBenchmarks[0]!.points.LOSING_PATTERN).toBeDefined();
  });
});

describe('closed deals as benchmarks see them at D', () => {
  it('when a won deal closed before D, then benchmarks at D get its rows created by D only, and a history-only deal its stage history', () => {
    const full = dealOf({
      id: '006W',
      stages: [['Qualification', 0]],
      closed: { day: 40, won: true },
      contactRoles: [contactRole('003A', 'Teacher', 5), contactRole('003B', 'Guide', 70)],
      activities: [meetingOn('00U1', '003A', 10), meetingOn('00U2', '003A', 20, 80)],
    });
    const historyOnly = { ...full, Id: '006H', fields: undefined, contactRoles: undefined, activities: undefined };
    const prepared = [prepareDeal(full, closedStages)!, prepareClosed(historyOnly, closedStages)!];
    const [atD, benchmarkOnly] = closedBy(prepared, dayMs(60));
    expect(atD!.contactRoles!.map((r) => r.ContactId)).toEqual(['003A']);
    expect(atD!.activities!.map((a) => a.Id)).toEqual(['00U1']);
    expect(benchmarkOnly!.activities).toBeUndefined();
    expect(benchmarkOnly!.history).toHaveLength(2);
    expect(closedBy(prepared, dayMs(39))).toEqual([]);
  });
});

describe('snapshot dates', () => {
  it('when asked for 2 months every 7 days, then they run oldest first up to now, 7 days apart', () => {
    const now = Date.parse('2026-03-31T12:00:00.000Z');
    const dates = snapshotDates(now, 2, 7);
    expect(dates[dates.length - 1]).toBe(now);
    expect(dates[0]).toBeGreaterThanOrEqual(Date.parse('2026-01-31T12:00:00.000Z'));
    expect(dates[0]! - 7 * DAY).toBeLessThan(Date.parse('2026-01-31T12:00:00.000Z'));
    expect(new Set(dates.slice(1).map((d, i) => d - dates[i]!))).toEqual(new Set([7 * DAY]));
  });
});
