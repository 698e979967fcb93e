// Engagement from every participant: who-relations count, not only the primary WhoId.
import { describe, expect, it } from 'vitest';
import { computeBenchmarks } from '../../../src/scoring/benchmarks.js';
import type { ClosedDealInput } from '../../../src/scoring/types.js';
import { daysAgo, healthyDeal, meeting, NOW, playbook, pointsOf, role, scored, sellerTask } from './builders.js';

describe('engagement through any participant', () => {
  const roles = [role('003M', 'Teacher', 'Economic Buyer', 'Maya Mobilizer'), role('003G', 'Guide')];

  it.each([
    ['primary contact of the meeting', meeting('00U1', '003M', 3), false],
    ['second attendee of the meeting', meeting('00U1', '003G', 3, ['003G', '003M']), false],
    ['attendee, with the org giving no WhoId in its who-relations', meeting('00U1', '003G', 3, ['003M']), false],
    ['absent from the meeting', meeting('00U1', '003G', 3, ['003G']), true],
    ['attendee of a seller-only task', { ...sellerTask('00T1', '003G', 3), participantIds: ['003G', '003M'] }, true],
  ])('when the Mobilizer is the %s, then disengaged is %s', (_, activity, expected) => {
    const a = scored(healthyDeal('Prospecting', { contactRoles: roles, activities: [activity] }));
    expect(pointsOf(a, 'MOBILIZER_DISENGAGED') > 0).toBe(expected);
  });

  it('when a Mobilizer attended a meeting as a second attendee, then MOBILIZER_MET has that meeting as evidence', () => {
    const a = scored(healthyDeal('Id. Decision Makers', { contactRoles: roles, activities: [meeting('00U1', '003G', 3, ['003G', '003M'])] }));
    expect(a.facts.verifiersMet.find((v) => v.code === 'MOBILIZER_MET')!.evidence).toEqual(['00U1']);
  });
});

describe('orgs that log no customer activity', () => {
  let seq = 0;
  const won = (activities: ClosedDealInput['activities']): ClosedDealInput => ({
    Id: `006E${seq++}`,
    StageName: 'Closed Won',
    IsClosed: true,
    IsWon: true,
    CloseDate: daysAgo(10).slice(0, 10),
    CreatedDate: daysAgo(60),
    history: [{ StageName: 'Prospecting', CreatedDate: daysAgo(60) }, { StageName: 'Closed Won', CreatedDate: daysAgo(10) }],
    fields: {},
    contactRoles: [role('003A', 'Teacher')],
    activities,
  });

  it.each([
    ['10 won deals without customer activity', 10, [], false],
    ['9 won deals without customer activity (too few to tell)', 9, [], true],
    ['10 won deals with a meeting each', 10, [meeting('00UW', '003A', 30)], true],
  ] as const)('when %s, then engagement is calibrated: %s', (_, n, activities, calibrated) => {
    const b = computeBenchmarks(Array.from({ length: n }, () => won([...activities])), playbook(), NOW);
    expect(b.engagement).toMatchObject({ wonDeals: n, calibrated });
  });

  it('when no won deal shows customer activity, then MOBILIZER_DISENGAGED is not assessed and SINGLE_THREADED counts contact roles', () => {
    const pb = playbook();
    const b = computeBenchmarks(Array.from({ length: 10 }, () => won([])), pb, NOW);
    const deal = healthyDeal('Prospecting', { contactRoles: [role('003A', 'Teacher')], activities: [] });
    const a = scored(deal, pb, b);
    expect(a.codes).toEqual([]);
    expect(a.facts.notAssessed.map((n) => n.code)).toEqual(['MOBILIZER_DISENGAGED']);
    const twoExpected = scored(healthyDeal('Id. Decision Makers', { contactRoles: [role('003A', 'Teacher', 'Economic Buyer')], activities: [], fields: deal.fields }), pb, b);
    expect(twoExpected.signals.find((s) => s.code === 'SINGLE_THREADED')!.reason).toBe('Only 1 contact on the deal (Contact 003A); Id. Decision Makers expects at least 2.');
  });
});
