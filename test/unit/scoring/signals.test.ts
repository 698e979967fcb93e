import { describe, expect, it } from 'vitest';
import type { OpportunityInput } from '../../../src/scoring/types.js';
import {
  benchmarks,
  dateDaysAgo,
  daysAgo,
  healthyDeal,
  historyTo,
  meeting,
  playbook,
  pointsOf,
  reply,
  role,
  scored,
  sellerTask,
} from './builders.js';

const STAGE = 'Negotiation/Review';

describe('time in stage', () => {
  // Playbook benchmark 20 days: STAGE_STALLED from 1.3 × 20 = 26 days, LOSING_PATTERN from 1.65 × 20 = 33 days.
  it.each([
    [0, null],
    [25, null],
    [25.96, null], // days are whole days: 25 days and 23 hours is 25 days
    [26, 'STAGE_STALLED'],
    [32, 'STAGE_STALLED'],
    [33, 'LOSING_PATTERN'],
    [34, 'LOSING_PATTERN'],
    [400, 'LOSING_PATTERN'],
  ] as const)('when the deal has been %s days in a stage with a 20-day benchmark, then the time signal is %s', (days, expected) => {
    const pb = playbook();
    const a = scored(healthyDeal(STAGE, { history: historyTo(STAGE, days) }), pb, benchmarks(pb, { [STAGE]: 20 }));
    const timeCodes = a.codes.filter((c) => c === 'STAGE_STALLED' || c === 'LOSING_PATTERN');
    expect(timeCodes).toEqual(expected ? [expected] : []);
    expect(a.score).toBe(expected === 'LOSING_PATTERN' ? 35 : expected === 'STAGE_STALLED' ? 15 : 0);
    expect(a.facts.daysInStage).toBe(Math.floor(days));
  });

  it.each([
    [34, 'STAGE_STALLED'],
    [35, 'LOSING_PATTERN'],
  ] as const)('when the benchmark is 21 days and the deal is %i days in, then it is %s (1.65 × 21 = 34.65)', (days, expected) => {
    const pb = playbook();
    expect(scored(healthyDeal(STAGE, { history: historyTo(STAGE, days) }), pb, benchmarks(pb, { [STAGE]: 21 })).codes).toEqual([expected]);
  });

  it('when the deal is far past the benchmark, then the reason states days, benchmark, ratio and its source', () => {
    const pb = playbook();
    const b = benchmarks(pb, { 'Proposal/Price Quote': 21 });
    b.stages['Proposal/Price Quote']!.source = 'org';
    const a = scored(healthyDeal('Proposal/Price Quote', { history: historyTo('Proposal/Price Quote', 48) }), pb, b);
    expect(a.reasons).toEqual([
      'In Proposal/Price Quote for 48 days; won deals leave it in a median 21 days (2.3×), the pattern of deals that are lost.',
    ]);
    expect(a.facts.ratio).toBeCloseTo(48 / 21, 9);
  });

  it('when the admin tunes the ratios, then the thresholds move', () => {
    const pb = playbook();
    pb.signals.STAGE_STALLED.ratio = 2;
    pb.signals.LOSING_PATTERN.ratio = 3;
    const at = (days: number) => scored(healthyDeal(STAGE, { history: historyTo(STAGE, days) }), pb, benchmarks(pb, { [STAGE]: 10 })).codes;
    expect([at(19), at(20), at(29), at(30)]).toEqual([[], ['STAGE_STALLED'], ['STAGE_STALLED'], ['LOSING_PATTERN']]);
  });
});

describe('Mobilizer coverage', () => {
  const withContacts = (profiles: (string | null)[], activities = healthyDeal().activities): OpportunityInput =>
    healthyDeal(STAGE, {
      contactRoles: profiles.map((p, i) => role(`003C${i}`, p, i === 0 ? 'Economic Buyer' : 'Influencer', `Person ${i}`)),
      activities: [...activities, ...profiles.map((_, i) => meeting(`00UC${i}`, `003C${i}`, 2))],
    });

  it.each([
    [['Guide', 'Friend'], ['NO_MOBILIZER']],
    [['Guide', 'Blocker'], ['NO_MOBILIZER', 'BLOCKER_UNOPPOSED']],
    [['Blocker', 'Blocker'], ['NO_MOBILIZER', 'BLOCKER_UNOPPOSED']],
    [[null, 'Climber'], ['NO_MOBILIZER']],
    [['Teacher', 'Blocker'], []],
    [['Go-Getter', 'Guide'], []],
    [['Skeptic', null], []],
  ])('when the contacts are %j, then the people signals are %j', (profiles, expected) => {
    const a = scored(withContacts(profiles));
    expect(a.codes.filter((c) => ['NO_MOBILIZER', 'BLOCKER_UNOPPOSED', 'MOBILIZER_DISENGAGED'].includes(c))).toEqual(expected);
  });

  it('when there is no Mobilizer, then the reason names the contacts\' profiles and the Mobilizer profiles to look for', () => {
    const a = scored(withContacts(['Guide', 'Friend', 'Blocker']));
    expect(a.signals.find((s) => s.code === 'NO_MOBILIZER')).toMatchObject({
      points: 30,
      reason: 'No Mobilizer among 3 contacts (Guide, Friend, Blocker): find a Go-Getter, Teacher or Skeptic who can drive the change.',
    });
    expect(pointsOf(a, 'BLOCKER_UNOPPOSED')).toBe(10);
  });

  // The Mobilizer's last customer activity N days ago; MOBILIZER_DISENGAGED fires beyond 30 days.
  it.each([
    ['meeting', 29, false],
    ['meeting', 30, false],
    ['meeting', 31, true],
    ['reply', 30, false],
    ['reply', 45, true],
    ['voicemail', 1, true],
    ['nothing', 0, true],
  ] as const)('when the Mobilizer\'s last activity is a %s %i days ago, then disengaged is %s', (kind, ago, disengaged) => {
    const activities = [reply('00TG', '003G', 2)];
    if (kind === 'meeting') activities.push(meeting('00UM', '003M', ago));
    if (kind === 'reply') activities.push(reply('00TM', '003M', ago));
    if (kind === 'voicemail') activities.push(sellerTask('00TV', '003M', ago));
    // Prospecting requires no verifiers, so only the people signals can fire here.
    const a = scored(healthyDeal('Prospecting', { activities }));
    expect(a.codes.includes('MOBILIZER_DISENGAGED')).toBe(disengaged);
    expect(pointsOf(a, 'MOBILIZER_DISENGAGED')).toBe(disengaged ? 10 : 0);
  });

  it('when one of two Mobilizers is engaged, then the deal is not disengaged', () => {
    const a = scored(
      healthyDeal('Prospecting', {
        contactRoles: [role('003A', 'Teacher'), role('003B', 'Skeptic')],
        activities: [meeting('00U1', '003A', 90), reply('00T1', '003B', 4)],
      }),
    );
    expect(a.codes).toEqual([]);
  });
});

describe('SINGLE_THREADED', () => {
  // Distinct buyer contacts engaged (customer activity, as WhoId or any other participant) in the
  // stage's engagement window, against the stage's minEngagedContacts (default playbook:
  // Prospecting 1 in 30 days, Id. Decision Makers 2 in 30, Negotiation/Review 3 in 14).
  const A = role('003A', 'Teacher', 'Economic Buyer');
  const B = role('003B', 'Guide');
  it.each([
    ['Prospecting', [], [], true],
    ['Prospecting', [A], [meeting('00U1', '003A', 1)], false],
    ['Prospecting', [A], [sellerTask('00T1', '003A', 1)], true],
    ['Id. Decision Makers', [A, B], [meeting('00U1', '003A', 1)], true],
    ['Id. Decision Makers', [A, role('003A', 'Teacher', 'Decision Maker')], [meeting('00U1', '003A', 1), reply('00T1', '003A', 2)], true],
    ['Id. Decision Makers', [A, B], [meeting('00U1', '003A', 1), reply('00T1', '003B', 30)], false],
    ['Id. Decision Makers', [A, B], [meeting('00U1', '003A', 1), reply('00T1', '003B', 31)], true],
    ['Id. Decision Makers', [A], [meeting('00U1', '003A', 1, ['003A', '003X'])], false],
    ['Id. Decision Makers', [A], [meeting('00U1', '003A', 1, ['003A', '003A'])], true],
    ['Negotiation/Review', [A, B], [meeting('00U1', '003A', 14, ['003A', '003B', '003X'])], false],
    ['Negotiation/Review', [A, B], [meeting('00U1', '003A', 15, ['003A', '003B', '003X'])], true],
    ['Negotiation/Review', [A, B], [meeting('00U1', '003A', 3, ['003A', '003B'])], true],
    ['Negotiation/Review', [A, B], [meeting('00U1', '003A', -2, ['003A', '003B', '003X'])], true],
  ])('when in %s with roles %j and activities %j, then single-threaded is %s', (stage, contactRoles, activities, expected) => {
    const a = scored(healthyDeal(stage, { contactRoles, activities }));
    expect(pointsOf(a, 'SINGLE_THREADED')).toBe(expected ? 10 : 0);
  });

  it('when a second attendee of a meeting is the Economic Buyer, then they count as engaged, and the reason names who took part', () => {
    const roles = [A, role('003E', 'Guide', 'Economic Buyer', 'Eve Buyer')];
    const primaryOnly = scored(healthyDeal('Negotiation/Review', { contactRoles: roles, activities: [meeting('00U1', '003A', 2)] }));
    expect(primaryOnly.signals.find((s) => s.code === 'SINGLE_THREADED')).toMatchObject({
      reason: 'Only 1 buyer contact (Contact 003A) took part in customer activity in the last 14 days; Negotiation/Review expects at least 3.',
      evidence: ['003A'],
    });
    const withBuyer = scored(healthyDeal('Negotiation/Review', { contactRoles: roles, activities: [meeting('00U1', '003A', 2, ['003A', '003E'])] }));
    expect(withBuyer.signals.find((s) => s.code === 'SINGLE_THREADED')!.evidence).toEqual(['003A', '003E']);
    expect(withBuyer.facts.contacts.find((c) => c.id === '003E')!.lastCustomerActivityAt).toBe(daysAgo(2).replace('+0000', 'Z'));
  });

  it('when a stage sets its own threshold and window, then they apply there only', () => {
    const pb = playbook();
    const needs = pb.stages.open.find((s) => s.name === 'Needs Analysis')!;
    needs.minEngagedContacts = 1;
    needs.engagementWithinDays = 7;
    const deal = (stage: string, ago: number) => healthyDeal(stage, { contactRoles: [A, B], activities: [meeting('00U1', '003A', ago)] });
    expect(pointsOf(scored(deal('Needs Analysis', 7), pb, benchmarks(pb)), 'SINGLE_THREADED')).toBe(0);
    expect(pointsOf(scored(deal('Needs Analysis', 8), pb, benchmarks(pb)), 'SINGLE_THREADED')).toBe(10);
    expect(pointsOf(scored(deal('Value Proposition', 7), pb, benchmarks(pb)), 'SINGLE_THREADED')).toBe(10);
  });
});

describe('MISSING_VERIFIER', () => {
  // Negotiation/Review requires 8 verifiers; drop some fields to make 1..4 of them missing.
  it.each([
    [['Procurement_Status__c'], 10],
    [['Procurement_Status__c', 'Proposal_Reviewed_Date__c'], 20],
    [['Procurement_Status__c', 'Proposal_Reviewed_Date__c', 'Business_Case_Confirmed_Date__c'], 30],
    [['Procurement_Status__c', 'Proposal_Reviewed_Date__c', 'Business_Case_Confirmed_Date__c', 'Success_Criteria_Agreed__c'], 30],
  ])('when %j are empty, then MISSING_VERIFIER is worth %i points (10 each, at most 30)', (emptied, expected) => {
    const deal = healthyDeal(STAGE);
    for (const field of emptied) deal.fields[field] = null;
    const a = scored(deal);
    expect(pointsOf(a, 'MISSING_VERIFIER')).toBe(expected);
    expect(a.facts.verifiersMissing.length).toBe(emptied.length);
    expect(a.score).toBe(expected);
  });
});

describe('close date', () => {
  const push = (from: string, to: string, ago: number) => ({ Field: 'CloseDate', OldValue: from, NewValue: to, CreatedDate: daysAgo(ago) });

  it.each([
    ['no changes', [], 0],
    ['one push of 20 days within the quarter', [push('2026-05-01', '2026-05-21', 40)], 0],
    ['three pushes within the quarter, 30 days in all', [push('2026-05-01', '2026-05-11', 40), push('2026-05-11', '2026-05-21', 30), push('2026-05-21', '2026-05-31', 20)], 0],
    ['pushes within the quarter adding up to 31 days', [push('2026-05-01', '2026-05-11', 40), push('2026-05-11', '2026-06-01', 30)], 10],
    ['a one-week push across a quarter boundary', [push('2026-06-25', '2026-07-02', 10)], 10],
    ['31 days of pushes around a pull-in (pull-ins do not offset)', [push('2026-05-01', '2026-05-20', 40), push('2026-05-20', '2026-05-10', 20), push('2026-05-10', '2026-05-22', 10)], 10],
    ['a push of 24 days and a pull-in', [push('2026-05-01', '2026-05-25', 40), push('2026-05-25', '2026-05-20', 20)], 0],
  ])('when the close date history holds %s, then CLOSE_DATE_PUSHED is worth %i', (_, fieldHistory, expected) => {
    expect(pointsOf(scored(healthyDeal(STAGE, { fieldHistory })), 'CLOSE_DATE_PUSHED')).toBe(expected);
  });

  it.each([
    [-1, false], // tomorrow
    [0, false], // today
    [1, true], // yesterday
    [60, true],
  ])('when the close date is %i days ago, then CLOSE_DATE_PASSED fires: %s', (ago, expected) => {
    const a = scored(healthyDeal(STAGE, { CloseDate: dateDaysAgo(ago) }));
    expect(pointsOf(a, 'CLOSE_DATE_PASSED')).toBe(expected ? 15 : 0);
    if (expected) expect(a.reasons).toEqual([`Close date ${dateDaysAgo(ago)} passed ${ago} day${ago === 1 ? '' : 's'} ago and the deal is still open.`]);
  });

  it('when the close date is null, then no close-date signal fires', () => {
    expect(scored(healthyDeal(STAGE, { CloseDate: null })).codes).toEqual([]);
  });
});

describe('score and level', () => {
  // Only CLOSE_DATE_PASSED fires; its tuned points make the whole score.
  it.each([
    [0, 'Low'],
    [39, 'Low'],
    [40, 'Medium'],
    [69, 'Medium'],
    [70, 'High'],
    [100, 'High'],
  ] as const)('when the score is %i, then the level is %s', (points, level) => {
    const pb = playbook();
    pb.signals.CLOSE_DATE_PASSED.points = points;
    const a = scored(healthyDeal(STAGE, { CloseDate: dateDaysAgo(3) }), pb);
    expect([a.score, a.level]).toEqual([points, level]);
  });

  it('when the signals add up past 100, then the score is capped at 100 and reasons are ordered by points', () => {
    const a = scored(
      healthyDeal(STAGE, {
        history: historyTo(STAGE, 200),
        contactRoles: [role('003B', 'Blocker', 'Evaluator')],
        activities: [],
        fields: {},
        CloseDate: dateDaysAgo(5),
      }),
    );
    expect(a.score).toBe(100);
    expect(a.level).toBe('High');
    const codes = ['LOSING_PATTERN', 'NO_MOBILIZER', 'MISSING_VERIFIER', 'CLOSE_DATE_PASSED', 'BLOCKER_UNOPPOSED', 'SINGLE_THREADED', 'NO_NEXT_MEETING'];
    expect(a.codes).toEqual(codes);
    expect(a.codesText).toBe(codes.join(';'));
    const points = a.signals.map((s) => s.points);
    expect(points).toEqual([...points].sort((x, y) => y - x));
    expect(a.reasonsText.split('\n')).toEqual(a.reasons);
  });

  it('when a signal is disabled, then it never fires', () => {
    const pb = playbook();
    pb.signals.CLOSE_DATE_PASSED.enabled = false;
    expect(scored(healthyDeal(STAGE, { CloseDate: dateDaysAgo(3) }), pb).codes).toEqual([]);
  });
});
