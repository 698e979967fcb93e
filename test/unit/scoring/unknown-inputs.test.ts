import { describe, expect, it } from 'vitest';
import { assessOpportunity } from '../../../src/scoring/assess.js';
import type { OpportunityInput } from '../../../src/scoring/types.js';
import { benchmarks, daysAgo, healthyDeal, meeting, NOW, playbook, reply, role, scored } from './builders.js';

describe('closed deals', () => {
  it.each([
    ['IsClosed and won', { IsClosed: true, IsWon: true, StageName: 'Closed Won' }],
    ['IsClosed and lost', { IsClosed: true, IsWon: false, StageName: 'Closed Lost' }],
    ['a closed stage name with a stale IsClosed', { IsClosed: false, StageName: 'Closed Lost' }],
  ])('when the deal is %s, then it is not scored and its dealrisk tasks are to be completed', (_, overrides) => {
    const pb = playbook();
    const a = assessOpportunity(healthyDeal('Negotiation/Review', overrides), pb, benchmarks(pb), NOW);
    expect(a.status).toBe('not_scored');
    expect(a.tasks.open).toEqual([]);
    expect(a.tasks.complete).toContain('LOSING_PATTERN');
  });
});

describe('unknown and missing inputs', () => {
  it('when the stage is not in the playbook, then it says so, skips time and verifiers, and still checks people and dates', () => {
    const a = scored(healthyDeal('Pilot', { contactRoles: [role('003G', 'Guide')], activities: [reply('00T1', '003G', 3)], history: [{ StageName: 'Pilot', CreatedDate: daysAgo(500) }] }));
    expect(a.codes).toEqual(['NO_MOBILIZER', 'SINGLE_THREADED', 'UNKNOWN_STAGE']);
    expect(a.reasons).toContain("Stage 'Pilot' is not in the playbook, so time in stage and verifiers are not checked.");
    expect(a.score).toBe(40);
    expect(a.facts).toMatchObject({ stageKnown: false, benchmark: null, ratio: null, daysInStage: 500, verifiersMissing: [] });
  });

  it('when there is no history, then stage entry falls back to LastStageChangeDate', () => {
    const a = scored(healthyDeal('Negotiation/Review', { history: [], LastStageChangeDate: daysAgo(39) }));
    expect(a.facts).toMatchObject({ daysInStage: 39, stageEnteredSource: 'LastStageChangeDate' });
    expect(a.codes).toEqual(['STAGE_STALLED']);
  });

  it('when there is no history nor LastStageChangeDate, then CreatedDate is the stage entry', () => {
    const a = scored(healthyDeal('Negotiation/Review', { history: [], LastStageChangeDate: undefined, CreatedDate: daysAgo(60) }));
    expect(a.facts).toMatchObject({ daysInStage: 60, stageEnteredSource: 'CreatedDate' });
    expect(a.codes).toEqual(['LOSING_PATTERN']);
  });

  it('when no date parses, then time in stage is unknown and no time signal fires', () => {
    const a = scored(healthyDeal('Negotiation/Review', { history: [], LastStageChangeDate: null, CreatedDate: 'garbage' }));
    expect(a.facts).toMatchObject({ daysInStage: null, stageEnteredAt: null, ratio: null });
    expect(a.codes).toEqual([]);
  });

  it('when every optional field is null and nothing is related, then the deal gets a defined score', () => {
    const bare: OpportunityInput = {
      Id: '006B',
      Name: 'Bare',
      StageName: 'Qualification',
      CloseDate: null,
      CreatedDate: daysAgo(3),
      LastStageChangeDate: null,
      IsClosed: false,
      IsWon: false,
      Amount: null,
      OwnerId: '005',
      fields: {},
      history: [],
      fieldHistory: [],
      contactRoles: [],
      activities: [],
    };
    const a = scored(bare);
    expect(a.codes).toEqual(['NO_MOBILIZER', 'SINGLE_THREADED', 'MISSING_VERIFIER']); // ties keep the table's order
    expect(a.score).toBe(50);
    expect(a.reasons[0]).toBe('No contacts on the deal, so no Mobilizer: find a Go-Getter, Teacher or Skeptic who can drive the change.');
  });

  it('when contacts have no profile, then they count as contacts but not as Mobilizers, and Mobilizer coverage is not assessed', () => {
    const a = scored(healthyDeal('Prospecting', { contactRoles: [role('003A', null, null, null), role('003B', null)] }));
    expect(a.codes).toEqual(['PROFILES_MISSING']);
    expect(a.reasons[0]).toContain('profile these 2 contacts: 003A (003A), Contact 003B (003B)');
    expect(a.facts.contacts.map((c) => [c.name, c.group])).toEqual([
      ['003A', 'unknown'],
      ['Contact 003B', 'unknown'],
    ]);
  });

  it('when a profile value is not in any group, then the contact is unknown, not a Mobilizer', () => {
    const a = scored(healthyDeal('Prospecting', { contactRoles: [role('003A', 'Champion'), role('003B', 'Guide')] }));
    expect(a.codes).toEqual(['NO_MOBILIZER']);
    expect(a.facts.contacts.map((c) => c.group)).toEqual(['unknown', 'talker']);
  });

  it('when activities have no contact, a null type or subject, or no dates, then they are ignored without error', () => {
    const odd = [
      { Id: '00T1', kind: 'Task' as const, Type: null, Subject: null, WhoId: '003M', CreatedDate: daysAgo(1) },
      { Id: '00T2', kind: 'Task' as const, Type: 'Email', Subject: null, WhoId: '003M', CreatedDate: 'never' },
      { Id: '00U3', kind: 'Event' as const, Type: null, Subject: 'Re: hi', WhoId: null, CreatedDate: daysAgo(1) },
    ];
    const a = scored(healthyDeal('Id. Decision Makers', { activities: [...odd, meeting('00U9', '003M', 100)] }));
    expect(a.codes).toEqual(['MOBILIZER_DISENGAGED', 'SINGLE_THREADED', 'MISSING_VERIFIER']);
    expect(a.facts.verifiersMissing.map((v) => v.code)).toEqual(['MOBILIZER_MET']);
  });

  it('when related rows come in any order, then the assessment is the same', () => {
    const deal = healthyDeal('Proposal/Price Quote', { activities: [meeting('00U1', '003M', 5), reply('00T1', '003G', 3), meeting('00U2', '003G', 60)] });
    const shuffled = { ...deal, history: [...deal.history].reverse(), activities: [...deal.activities].reverse(), contactRoles: [...deal.contactRoles].reverse() };
    const strip = (a: ReturnType<typeof scored>) => ({ ...a, facts: { ...a.facts, contacts: [...a.facts.contacts].sort((x, y) => x.id.localeCompare(y.id)) } });
    const one = strip(scored(deal));
    const two = strip(scored(shuffled));
    expect(two.score).toBe(one.score);
    expect(two.codes).toEqual(one.codes);
    expect(two.facts.stageEnteredAt).toBe(one.facts.stageEnteredAt);
    expect(two.facts.daysInStage).toBe(one.facts.daysInStage);
    expect(two.facts.contacts).toEqual(one.facts.contacts);
    const verifiers = (a: typeof one) => a.facts.verifiersMet.map((v) => [v.code, [...v.evidence].sort()]);
    expect(verifiers(two)).toEqual(verifiers(one));
    expect(two.facts.verifiersMissing).toEqual(one.facts.verifiersMissing);
  });

  it('when benchmarks lack the stage (made with an older playbook), then the playbook default days apply', () => {
    const pb = playbook();
    const b = benchmarks(pb);
    delete b.stages['Negotiation/Review'];
    const a = scored(healthyDeal('Negotiation/Review', { history: [], LastStageChangeDate: daysAgo(39) }), pb, b);
    expect(a.facts.benchmark).toMatchObject({ days: 30, stalledDays: 39, source: 'playbook' });
    expect(a.codes).toEqual(['STAGE_STALLED']);
  });
});
