// Not assessed ≠ at risk: inputs the org does not record are reported, never scored.
import { describe, expect, it } from 'vitest';
import { computeBenchmarks } from '../../../src/scoring/benchmarks.js';
import { explainAssessment } from '../../../src/scoring/explain.js';
import type { ClosedDealInput, OpportunityInput } from '../../../src/scoring/types.js';
import { benchmarks, daysAgo, healthyDeal, meeting, NOW, playbook, pointsOf, role, scored } from './builders.js';

const withProfiles = (profiles: (string | null)[]): OpportunityInput =>
  healthyDeal('Prospecting', {
    contactRoles: profiles.map((p, i) => role(`003C${i}`, p, 'Influencer', `Person ${i}`)),
    activities: profiles.map((_, i) => meeting(`00UC${i}`, `003C${i}`, 2)),
  });

describe('Mobilizer coverage needs profiled contacts', () => {
  // Default minProfiledShare 0.5: the mobilizer signals are judged from half the contacts profiled.
  it.each([
    ['no profiles at all', [null, null, null], ['PROFILES_MISSING'], ['NO_MOBILIZER']],
    ['1 of 3 profiled (33%)', ['Guide', null, null], ['PROFILES_MISSING'], ['NO_MOBILIZER']],
    ['1 of 2 profiled (50%)', ['Guide', null], ['NO_MOBILIZER'], []],
    ['2 of 3 profiled (67%)', ['Guide', 'Friend', null], ['NO_MOBILIZER'], []],
    ['a Blocker among 1 of 3 profiled', ['Blocker', null, null], ['PROFILES_MISSING'], ['NO_MOBILIZER', 'BLOCKER_UNOPPOSED']],
    ['a Blocker among 2 of 2 profiled', ['Blocker', 'Guide'], ['NO_MOBILIZER', 'BLOCKER_UNOPPOSED'], []],
    ['a Mobilizer among 1 of 4 profiled', ['Teacher', null, null, null], [], []],
  ])('when %s, then %j fire and %j are not assessed', (_, profiles, fired, notAssessed) => {
    const a = scored(withProfiles(profiles));
    expect(a.codes).toEqual(fired);
    expect(a.facts.notAssessed.map((n) => n.code)).toEqual(notAssessed);
  });

  it.each([
    [0.25, ['Guide', null, null, null], 'NO_MOBILIZER'],
    [0.26, ['Guide', null, null, null], 'PROFILES_MISSING'],
    [1, ['Guide', 'Friend', null], 'PROFILES_MISSING'],
    [0, [null, null], 'NO_MOBILIZER'],
  ] as const)('when minProfiledShare is %s and the profiles are %j, then %s fires', (share, profiles, code) => {
    const pb = playbook();
    pb.profiles.minProfiledShare = share;
    expect(scored(withProfiles([...profiles]), pb, benchmarks(pb)).codes).toEqual([code]);
  });

  it('when profiles are missing, then the low-point signal names the contacts to profile and asks for a Task', () => {
    const a = scored(withProfiles(['Guide', null, null]));
    expect(a.signals).toEqual([
      {
        code: 'PROFILES_MISSING',
        points: 10,
        reason: 'Only 1 of 3 contacts profiled (at least 50% needed), so Mobilizer coverage is not assessed: profile these 2 contacts: Person 1 (003C1), Person 2 (003C2).',
        evidence: ['003C1', '003C2'],
      },
    ]);
    expect(a.tasks.open).toMatchObject([{ key: '006000000000001AAA:PROFILES_MISSING', subject: "Profile the deal's contacts" }]);
    expect(a.tasks.open[0]!.description).toContain('profile these 2 contacts: Person 1 (003C1), Person 2 (003C2)');
    expect(a.facts.profiledContacts).toBe(1);
    expect(explainAssessment(a)).toContain('Not assessed (the org does not record the input; never counted as risk)\n  NO_MOBILIZER: Only 1 of 3 contacts profiled');
  });

  it('when a deal has no contacts at all, then NO_MOBILIZER still fires: the deal lacks people, not profiles', () => {
    const a = scored(healthyDeal('Prospecting', { contactRoles: [], activities: [] }));
    expect(a.codes).toEqual(['NO_MOBILIZER', 'SINGLE_THREADED']);
    expect(a.facts.notAssessed).toEqual([]);
  });
});

let seq = 0;
/** A won deal closed 10 days ago with the given verifier fields, contact roles and activities. */
function wonDeal(extra: Partial<ClosedDealInput>): ClosedDealInput {
  return {
    Id: `006W${seq++}`,
    StageName: 'Closed Won',
    IsClosed: true,
    IsWon: true,
    CloseDate: daysAgo(10).slice(0, 10),
    CreatedDate: daysAgo(60),
    history: [
      { StageName: 'Negotiation/Review', CreatedDate: daysAgo(40) },
      { StageName: 'Closed Won', CreatedDate: daysAgo(10) },
    ],
    ...extra,
  };
}

describe('verifiers no won deal met are uncalibrated', () => {
  const FIELDS = { Success_Criteria_Agreed__c: true, Business_Case_Confirmed_Date__c: '2026-01-01', Proposal_Reviewed_Date__c: '2026-01-01', Procurement_Status__c: 'Approved' };
  const roles = [role('003M', 'Teacher', 'Economic Buyer')];
  const acts = [meeting('00UW', '003M', 30)];
  const wonWith = (n: number, fields: Record<string, unknown>) => Array.from({ length: n }, () => wonDeal({ fields, contactRoles: roles, activities: acts }));

  it.each([
    ['10 won deals carry the field and none met it', 10, false],
    ['9 won deals carry the field and none met it (too few to tell)', 9, true],
  ] as const)('when %s, then PROCUREMENT_STARTED is calibrated: %s', (_, n, calibrated) => {
    const b = computeBenchmarks(wonWith(n, { ...FIELDS, Procurement_Status__c: null }), playbook(), NOW);
    expect(b.verifiers!.PROCUREMENT_STARTED).toMatchObject({ wonDeals: n, metDeals: 0, fillRate: 0, calibrated });
    expect(b.verifiers!.SUCCESS_CRITERIA_AGREED).toMatchObject({ wonDeals: n, metDeals: n, fillRate: 1, calibrated: true });
  });

  it('when one won deal of ten met it, then it is calibrated with a 10% fill rate', () => {
    const deals = [...wonWith(9, { ...FIELDS, Procurement_Status__c: null }), ...wonWith(1, FIELDS)];
    expect(computeBenchmarks(deals, playbook(), NOW).verifiers!.PROCUREMENT_STARTED).toMatchObject({ metDeals: 1, fillRate: 0.1, calibrated: true });
  });

  it('when won deals carry no inputs (history only), then every verifier stays calibrated', () => {
    const b = computeBenchmarks(Array.from({ length: 20 }, () => wonDeal({})), playbook(), NOW);
    expect(Object.values(b.verifiers!).every((v) => v.calibrated && v.wonDeals === 0 && v.fillRate === null)).toBe(true);
  });

  it('when an activity verifier with a window was met long before the close, then it counts as met for calibration', () => {
    // MOBILIZER_MET asks for a meeting in the last 30 days; the won deals' meeting was 290 days before they closed.
    const old = Array.from({ length: 10 }, () => wonDeal({ fields: FIELDS, contactRoles: roles, activities: [meeting('00UOLD', '003M', 300)] }));
    expect(computeBenchmarks(old, playbook(), NOW).verifiers!.MOBILIZER_MET).toMatchObject({ metDeals: 10, calibrated: true });
  });

  it('when no won deal met a verifier, then an open deal lacking it is not counted as missing, and explain says so', () => {
    const pb = playbook();
    const b = computeBenchmarks(wonWith(10, { ...FIELDS, Procurement_Status__c: null }), pb, NOW);
    const deal = healthyDeal('Negotiation/Review', { fields: { ...FIELDS, Procurement_Status__c: null } });
    const a = scored(deal, pb, b);
    expect(pointsOf(a, 'MISSING_VERIFIER')).toBe(0);
    expect(a.facts.verifiersUncalibrated.map((v) => v.code)).toEqual(['PROCUREMENT_STARTED']);
    expect(explainAssessment(a)).toContain('[uncalibrated] PROCUREMENT_STARTED: the customer returned redlines or started procurement (from Negotiation/Review) — no won deal in the window met it, so it is not counted');
    // With the playbook's benchmarks (no calibration) the same deal misses it.
    expect(pointsOf(scored(deal, pb, benchmarks(pb)), 'MISSING_VERIFIER')).toBe(10);
  });
});
