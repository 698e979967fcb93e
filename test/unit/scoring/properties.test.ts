import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivityInput, ContactRoleInput, OpportunityInput } from '../../../src/scoring/types.js';
import { benchmarks, dateDaysAgo, daysAgo, NOW, playbook, scored, STAGES } from './builders.js';

const pb = playbook();
const bm = benchmarks(pb);
const CONTACT_IDS = ['003A', '003B', '003C', '003D', '003E'];
const PROFILES = ['Go-Getter', 'Teacher', 'Skeptic', 'Guide', 'Friend', 'Climber', 'Blocker', 'Champion', null];
const ROLES = ['Economic Buyer', 'Decision Maker', 'Influencer', 'Evaluator', null];
const FIELD_VALUES: Record<string, unknown[]> = {
  Success_Criteria_Agreed__c: [true, false, null],
  Business_Case_Confirmed_Date__c: ['2026-05-01', '', null],
  Proposal_Reviewed_Date__c: ['2026-06-01', null],
  Procurement_Status__c: ['Not Started', 'Redlines Returned', 'In Procurement', 'Approved', null],
};
const SATISFYING: Record<string, unknown> = {
  Success_Criteria_Agreed__c: true,
  Business_Case_Confirmed_Date__c: '2026-05-01',
  Proposal_Reviewed_Date__c: '2026-06-01',
  Procurement_Status__c: 'Approved',
};

const activityArb: fc.Arbitrary<ActivityInput> = fc
  .record({
    n: fc.nat(1_000_000),
    kind: fc.constantFrom('Task' as const, 'Event' as const),
    Type: fc.constantFrom('Meeting', 'Email', 'Call', 'Other', null),
    Subject: fc.constantFrom('Re: proposal', 'Left voicemail', 'Sent follow-up email', 'Kickoff', null),
    WhoId: fc.constantFrom(...CONTACT_IDS, '003Z', null),
    // Who-relations when the org gives them: none, or some contacts (on the deal or not).
    participants: fc.option(fc.subarray([...CONTACT_IDS, '003Y', '00QL']), { nil: undefined }),
    ago: fc.double({ min: -20, max: 400, noNaN: true }),
  })
  .map(({ n, kind, Type, Subject, WhoId, participants, ago }) => ({
    Id: `${kind === 'Task' ? '00T' : '00U'}${n}`,
    kind,
    Type,
    Subject,
    WhoId,
    ...(participants === undefined ? {} : { participantIds: WhoId === null ? participants : [WhoId, ...participants.filter((p) => p !== WhoId)] }),
    ...(kind === 'Event' ? { StartDateTime: daysAgo(ago) } : { ActivityDate: dateDaysAgo(Math.round(ago)) }),
    CreatedDate: daysAgo(Math.max(ago, 0)),
  }));

const roleArb = (id: string): fc.Arbitrary<ContactRoleInput> =>
  fc.record({ profile: fc.constantFrom(...PROFILES), Role: fc.constantFrom(...ROLES) }).map(({ profile, Role }) => ({
    ContactId: id,
    Role,
    IsPrimary: false,
    contact: { Id: id, Name: `Name ${id}`, profile },
  }));

const dealArb: fc.Arbitrary<OpportunityInput> = fc
  .record({
    stage: fc.constantFrom(...STAGES, 'Pilot'),
    // Mostly near the benchmarks (14–30 days) where the time signals change, sometimes far beyond.
    entered: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 400, noNaN: true })),
    contactIds: fc.subarray(CONTACT_IDS),
    activities: fc.array(activityArb, { maxLength: 12 }),
    fields: fc.record(Object.fromEntries(Object.entries(FIELD_VALUES).map(([k, v]) => [k, fc.constantFrom(...v)])), { requiredKeys: [] }),
    closeIn: fc.integer({ min: -60, max: 120 }),
    pushes: fc.nat(4),
    useHistory: fc.boolean(),
  })
  .chain((g) =>
    fc.tuple(...g.contactIds.map(roleArb)).map((contactRoles) => ({
      Id: '006P',
      Name: 'Property deal',
      StageName: g.stage,
      CloseDate: dateDaysAgo(-g.closeIn),
      CreatedDate: daysAgo(g.entered + 30),
      LastStageChangeDate: daysAgo(g.entered),
      IsClosed: false,
      IsWon: false,
      OwnerId: '005',
      fields: g.fields,
      history: g.useHistory
        ? [
            { StageName: 'Prospecting', CreatedDate: daysAgo(g.entered + 30) },
            { StageName: g.stage, CreatedDate: daysAgo(g.entered) },
            { StageName: g.stage, CreatedDate: daysAgo(g.entered / 3), Amount: 5 },
          ]
        : [],
      fieldHistory: Array.from({ length: g.pushes }, (_, i) => ({
        Field: 'CloseDate',
        OldValue: dateDaysAgo(-10 * i),
        NewValue: dateDaysAgo(-10 * (i + 1)),
        CreatedDate: daysAgo(20 - i),
      })),
      contactRoles,
      activities: g.activities,
    })),
  );

const score = (deal: OpportunityInput) => scored(deal, pb, bm, NOW).score;
const RUNS = { numRuns: 500 };

describe('scoring properties', () => {
  it('when any deal is scored, then the score is 0–100, the level matches it and the codes match the signals', () => {
    fc.assert(
      fc.property(dealArb, (deal) => {
        const a = scored(deal, pb, bm, NOW);
        expect(a.score).toBeGreaterThanOrEqual(0);
        expect(a.score).toBeLessThanOrEqual(100);
        expect(a.level).toBe(a.score >= pb.levels.high ? 'High' : a.score >= pb.levels.medium ? 'Medium' : 'Low');
        expect(a.score).toBe(Math.min(100, a.signals.reduce((s, x) => s + x.points, 0)));
        expect(a.codesText).toBe(a.signals.map((s) => s.code).join(';'));
      }),
      RUNS,
    );
  });

  it('when any activity is added, then the score never rises', () => {
    fc.assert(fc.property(dealArb, activityArb, (deal, extra) => score({ ...deal, activities: [...deal.activities, extra] }) <= score(deal)), RUNS);
  });

  it('when another contact joins an activity (a second attendee), then the score never rises', () => {
    fc.assert(
      fc.property(dealArb, fc.nat(), fc.constantFrom(...CONTACT_IDS, '003Y'), (deal, pick, id) => {
        fc.pre(deal.activities.length > 0);
        const i = pick % deal.activities.length;
        const activities = deal.activities.map((a, j) => {
          if (j !== i) return a;
          const before = a.participantIds ?? (a.WhoId === null ? [] : [a.WhoId]);
          return { ...a, participantIds: [...before, id] };
        });
        return score({ ...deal, activities }) <= score(deal);
      }),
      RUNS,
    );
  });

  it('when a verifier field gets a satisfying value, then the score never rises', () => {
    fc.assert(
      fc.property(dealArb, fc.constantFrom(...Object.keys(SATISFYING)), (deal, field) => {
        return score({ ...deal, fields: { ...deal.fields, [field]: SATISFYING[field] } }) <= score(deal);
      }),
      RUNS,
    );
  });

  it('when a Mobilizer joins the deal, then the score never rises', () => {
    fc.assert(
      fc.property(dealArb, fc.constantFrom('Go-Getter', 'Teacher', 'Skeptic'), fc.constantFrom(...ROLES), fc.constantFrom(...CONTACT_IDS, '003NEW'), (deal, profile, Role, id) => {
        fc.pre(!deal.contactRoles.some((r) => r.ContactId === id));
        const joined = { ...deal, contactRoles: [...deal.contactRoles, { ContactId: id, Role, IsPrimary: false, contact: { Id: id, Name: 'New', profile } }] };
        return score(joined) <= score(deal);
      }),
      RUNS,
    );
  });

  it('when an existing contact turns out to be a Mobilizer, then the score never rises', () => {
    fc.assert(
      fc.property(dealArb, fc.nat(), fc.constantFrom('Go-Getter', 'Teacher', 'Skeptic'), (deal, pick, profile) => {
        fc.pre(deal.contactRoles.length > 0);
        const i = pick % deal.contactRoles.length;
        const contactRoles = deal.contactRoles.map((r, j) => (j === i ? { ...r, contact: { ...r.contact, profile } } : r));
        return score({ ...deal, contactRoles }) <= score(deal);
      }),
      RUNS,
    );
  });

  it('when the deal has been in its stage longer, then the score never falls', () => {
    fc.assert(
      fc.property(dealArb, fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 300, noNaN: true })), (deal, more) => {
        const shift = (iso: string | null | undefined) => (iso ? daysAgo((NOW.getTime() - Date.parse(iso.replace('+0000', 'Z'))) / 86_400_000 + more) : iso);
        const last = deal.history.length - 2; // the current stage's entry row in dealArb's history
        const older = {
          ...deal,
          LastStageChangeDate: shift(deal.LastStageChangeDate),
          history: deal.history.map((r, j) => (j === last ? { ...r, CreatedDate: shift(r.CreatedDate)! } : j < last ? { ...r, CreatedDate: shift(r.CreatedDate)! } : r)),
        };
        return score(older) >= score(deal);
      }),
      RUNS,
    );
  });
});
