// Deterministic "typical" deals for the scoring bench and profiling: open deals with ~10 history
// rows (with PrevCloseDate), 2 close-date changes, a next step, 3 contact roles and 12 activities
// (a third of them with who-relations), and closed deals for benchmarks; and the same deals as
// the REST query returns them (toWireRecord) and as the adapter maps them back (throughTheWire).
import { toOpportunityInput, type WireRecord } from '../../../src/salesforce/map-records.js';
import type { ActivityInput, ClosedDealInput, OpportunityInput } from '../../../src/scoring/types.js';

export const NOW = new Date('2026-06-15T12:00:00.000Z');
const DAY = 86_400_000;
const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis', 'Proposal/Price Quote', 'Negotiation/Review'];
const PROFILES = ['Go-Getter', 'Teacher', 'Skeptic', 'Guide', 'Friend', 'Climber', 'Blocker', null];

// A small deterministic generator (no Math.random) so runs are comparable.
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString().replace('Z', '+0000');
const date = (daysAgo: number) => at(daysAgo).slice(0, 10);

/** One open deal: ~8 history rows, 2 close-date changes, 3 contact roles and 12 activities. */
export function typicalDeal(i: number): OpportunityInput {
  const stageIndex = Math.floor(rand() * STAGES.length);
  const entered = Math.floor(rand() * 60);
  const history = STAGES.slice(0, stageIndex + 1).map((StageName, s) => ({ StageName, CreatedDate: at(entered + (stageIndex - s) * 9), CloseDate: date(-30), Amount: 50_000 }));
  history.push({ StageName: STAGES[stageIndex]!, CreatedDate: at(entered / 2), CloseDate: date(-45), Amount: 55_000 });
  history.push({ StageName: STAGES[stageIndex]!, CreatedDate: at(entered / 3), CloseDate: date(-60), Amount: 55_000 });
  const withPrev = history.map((row, r) => ({ ...row, PrevCloseDate: r === 0 ? null : history[r - 1]!.CloseDate, PrevAmount: r === 0 ? null : history[r - 1]!.Amount }));
  const contactIds = [`003${i}a`, `003${i}b`, `003${i}c`];
  const activities: ActivityInput[] = Array.from({ length: 12 }, (_, a) => {
    const kind = rand() < 0.4 ? ('Event' as const) : ('Task' as const);
    const ago = Math.floor(rand() * 90);
    const customer = rand() < 0.5;
    return {
      Id: `00${kind === 'Task' ? 'T' : 'U'}${i}x${a}`,
      kind,
      Type: kind === 'Event' ? (customer ? 'Meeting' : 'Other') : pick(['Email', 'Call']),
      Subject: kind === 'Task' ? (customer ? 'Re: next steps' : pick(['Left voicemail', 'Sent follow-up email'])) : 'Working session',
      WhoId: customer ? pick(contactIds) : null,
      ...(customer && rand() < 0.33 ? { participantIds: contactIds.slice(0, 2) } : {}),
      ...(kind === 'Event' ? { StartDateTime: at(ago) } : { ActivityDate: date(ago) }),
      CreatedDate: at(ago),
      Status: 'Completed',
    };
  });
  return {
    Id: `006${i}`,
    Name: `Deal ${i}`,
    StageName: STAGES[stageIndex]!,
    CloseDate: date(Math.floor(rand() * 60) - 40),
    CreatedDate: at(entered + 80),
    LastStageChangeDate: at(entered),
    IsClosed: false,
    IsWon: false,
    Amount: 55_000,
    OwnerId: '005',
    fields: {
      Success_Criteria_Agreed__c: rand() < 0.7,
      Business_Case_Confirmed_Date__c: rand() < 0.6 ? date(30) : null,
      Proposal_Reviewed_Date__c: rand() < 0.5 ? date(10) : null,
      Procurement_Status__c: pick(['Not Started', 'Redlines Returned', 'In Procurement', 'Approved', null]),
    },
    NextStep: rand() < 0.7 ? 'Send the order form' : null,
    history: withPrev,
    fieldHistory: [
      { Field: 'CloseDate', OldValue: date(-30), NewValue: date(-45), CreatedDate: at(entered / 2) },
      { Field: 'CloseDate', OldValue: date(-45), NewValue: date(-60), CreatedDate: at(entered / 3) },
    ],
    contactRoles: contactIds.map((id, r) => ({
      ContactId: id,
      Role: pick(['Economic Buyer', 'Influencer', 'Evaluator', 'Decision Maker']),
      IsPrimary: r === 0,
      contact: { Id: id, Name: `Contact ${id}`, profile: pick(PROFILES) },
    })),
    // Salesforce returns related rows in no promised order; shuffle to keep the sort honest.
    activities: activities.sort(() => rand() - 0.5),
  };
}

export function closedDeal(i: number): ClosedDealInput {
  const won = rand() < 0.4;
  const closedAgo = Math.floor(rand() * 400);
  const stages = STAGES.slice(0, 2 + Math.floor(rand() * 6));
  let t = closedAgo + stages.length * 12;
  const history = stages.map((StageName) => ({ StageName, CreatedDate: at((t -= Math.floor(rand() * 20) + 1)) }));
  history.push({ StageName: won ? 'Closed Won' : 'Closed Lost', CreatedDate: at(closedAgo) });
  return { Id: `006c${i}`, StageName: won ? 'Closed Won' : 'Closed Lost', IsClosed: true, IsWon: won, CloseDate: date(closedAgo), CreatedDate: at(t + 5), history };
}

/** The profile field the wire records carry (the bundled mapping's). */
const PROFILE_FIELD = 'Stakeholder_Profile__c';

/** A child relationship as the REST query returns it: null when empty. */
const childSet = (type: string, records: WireRecord[]): WireRecord | null =>
  records.length === 0 ? null : { totalSize: records.length, done: true, records: records.map((r) => ({ attributes: { type }, ...r })) };

/**
 * A deal as opportunitiesQuery (src/salesforce/soql.ts) returns it: the fields it selects, child
 * sets null when empty, and who-relations on every activity that list its WhoId too (Shared
 * Activities).
 */
export function toWireRecord(deal: OpportunityInput): WireRecord {
  const { fields, history, fieldHistory, contactRoles, activities, ...opportunity } = deal;
  // The fields both activity subqueries select, and everyone on the activity, its WhoId included.
  const activity = (a: ActivityInput, relationship: string, relation: string): WireRecord => ({
    Id: a.Id,
    Type: a.Type,
    Subject: a.Subject,
    WhoId: a.WhoId,
    ActivityDate: a.ActivityDate ?? null,
    CreatedDate: a.CreatedDate,
    [relationship]: childSet(relation, [...new Set([...(a.WhoId ? [a.WhoId] : []), ...(a.participantIds ?? [])])].map((RelationId) => ({ RelationId }))),
  });
  const ofKind = (kind: ActivityInput['kind']) => activities.filter((a) => a.kind === kind);
  return {
    attributes: { type: 'Opportunity', url: `/services/data/v62.0/sobjects/Opportunity/${deal.Id}` },
    ...opportunity,
    ...fields,
    OpportunityContactRoles: childSet(
      'OpportunityContactRole',
      contactRoles.map((r) => ({ ContactId: r.ContactId, Role: r.Role, IsPrimary: r.IsPrimary, Contact: { attributes: { type: 'Contact' }, Name: r.contact.Name, [PROFILE_FIELD]: r.contact.profile } })),
    ),
    OpportunityHistories: childSet('OpportunityHistory', history.map((row) => ({ ...row }))),
    Histories: childSet('OpportunityFieldHistory', fieldHistory.map((row) => ({ ...row }))),
    Tasks: childSet('Task', ofKind('Task').map((a) => ({ ...activity(a, 'TaskWhoRelations', 'TaskWhoRelation'), Status: a.Status }))),
    Events: childSet('Event', ofKind('Event').map((a) => ({ ...activity(a, 'EventWhoRelations', 'EventWhoRelation'), StartDateTime: a.StartDateTime ?? null }))),
  };
}

/** What the adapter's toOpportunityInput reads from the wire records: the deals' verifier fields and profile field. */
export const WIRE_READ_OPTIONS = {
  verifierFields: ['Success_Criteria_Agreed__c', 'Business_Case_Confirmed_Date__c', 'Proposal_Reviewed_Date__c', 'Procurement_Status__c'],
  profileField: PROFILE_FIELD,
};

/** Deals as a REST response carries them: wire records, sent as JSON text and parsed, as jsforce does. */
export function wireRecords(deals: readonly OpportunityInput[]): WireRecord[] {
  return JSON.parse(JSON.stringify(deals.map(toWireRecord))) as WireRecord[];
}

/**
 * Deals as the pipeline scores them: through the wire and mapped by the adapter's
 * toOpportunityInput, so scoring reads objects and strings laid out by JSON.parse and the mapper.
 */
export function throughTheWire(deals: readonly OpportunityInput[]): OpportunityInput[] {
  return wireRecords(deals).map((record) => toOpportunityInput(record, WIRE_READ_OPTIONS));
}
