/**
 * Shared Activities in the demo org: customer meetings with several of the deal's contacts (extra
 * EventRelation rows beside the primary WhoId, whose own relation the org adds on load), replies
 * that copied a colleague (TaskRelation), and a few inbound leads with a follow-up Task (WhoId a
 * Lead, no WhatId). Drawn from their own random stream, so the rest of the demo org is the same
 * with or without them.
 */
import type { IdSequences } from './ids.js';
import type { ContactPlan } from './people.js';
import type { Random } from './random.js';
import { DAY, HOUR, toDate, toDateTime, wholeSecond } from './time.js';

type Row = Record<string, unknown>;

/** One deal's activities and the contacts that may take part in them. */
export interface DealActivities {
  tasks: readonly Row[];
  events: readonly Row[];
  contacts: readonly ContactPlan[];
}

export interface SharedActivityRows {
  leads: Row[];
  /** Follow-up Tasks of the leads (ids continue after the deals' Tasks). */
  leadTasks: Row[];
  taskRelations: Row[];
  eventRelations: Row[];
}

/** Share of customer meetings with more than one customer contact, and of replies with a colleague copied. */
const MULTI_CONTACT_MEETING_RATE = 0.6;
const COPIED_REPLY_RATE = 0.25;
/** One inbound lead per this many opportunities. */
const OPPORTUNITIES_PER_LEAD = 40;

const LEAD_FIRST_NAMES = ['Alex', 'Sam', 'Robin', 'Jordan', 'Taylor', 'Casey', 'Morgan', 'Jamie', 'Riley', 'Avery'];
const LEAD_LAST_NAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Schmidt', 'Novak', 'Silva', 'Kowalski', 'Haddad', 'Byrne'];
const LEAD_COMPANIES = ['Northwind Traders', 'Blue Yonder Airlines', 'Fabrikam Inc', 'Tailspin Toys', 'Wide World Importers', 'Proseware Ltd'];

/** Other contacts of the deal besides the activity's WhoId, up to `max`. */
function others(rng: Random, contacts: readonly ContactPlan[], whoId: unknown, max: number): ContactPlan[] {
  const candidates = contacts.filter((c) => c.id !== whoId);
  return rng.shuffled(candidates).slice(0, Math.min(max, candidates.length));
}

function relationRow(ids: IdSequences, object: 'TaskRelation' | 'EventRelation', activity: Row, contact: ContactPlan): Row {
  const activityField = object === 'TaskRelation' ? 'TaskId' : 'EventId';
  return {
    Id: ids.next(object),
    [activityField]: activity.Id,
    RelationId: contact.id,
    ...(object === 'EventRelation' ? { IsParent: true, IsInvitee: false } : {}),
    CreatedById: activity.CreatedById,
    CreatedDate: activity.CreatedDate,
  };
}

export function makeSharedActivities(ids: IdSequences, rng: Random, deals: readonly DealActivities[], repIds: readonly string[], asOfMs: number): SharedActivityRows {
  const out: SharedActivityRows = { leads: [], leadTasks: [], taskRelations: [], eventRelations: [] };
  for (const deal of deals) {
    for (const event of deal.events) {
      if (event.Type !== 'Meeting' || event.WhoId === null || !rng.chance(MULTI_CONTACT_MEETING_RATE)) continue;
      for (const contact of others(rng, deal.contacts, event.WhoId, rng.int(1, 4))) out.eventRelations.push(relationRow(ids, 'EventRelation', event, contact));
    }
    for (const task of deal.tasks) {
      if (!String(task.Subject).startsWith('Re: ') || !rng.chance(COPIED_REPLY_RATE)) continue;
      for (const contact of others(rng, deal.contacts, task.WhoId, 1)) out.taskRelations.push(relationRow(ids, 'TaskRelation', task, contact));
    }
  }
  const leadCount = Math.max(1, Math.round(deals.length / OPPORTUNITIES_PER_LEAD));
  for (let i = 0; i < leadCount; i += 1) {
    const ownerId = rng.pick(repIds);
    const createdAt = wholeSecond(asOfMs - rng.float(1, 30) * DAY);
    const first = rng.pick(LEAD_FIRST_NAMES);
    const last = rng.pick(LEAD_LAST_NAMES);
    const company = rng.pick(LEAD_COMPANIES);
    const lead: Row = {
      Id: ids.next('Lead'),
      FirstName: first,
      LastName: last,
      Company: company,
      Email: `${first}.${last}@${company.toLowerCase().replace(/[^a-z]+/g, '')}.example`.toLowerCase(),
      Status: 'Working - Contacted',
      LeadSource: 'Web',
      OwnerId: ownerId,
      CreatedById: ownerId,
      CreatedDate: toDateTime(createdAt),
    };
    out.leads.push(lead);
    out.leadTasks.push({
      Id: ids.next('Task'),
      Subject: 'Follow up on web inquiry',
      Status: 'Not Started',
      Priority: 'Normal',
      ActivityDate: toDate(createdAt + 2 * DAY),
      Type: 'Call',
      TaskSubtype: 'Call',
      WhoId: lead.Id,
      WhatId: null,
      OwnerId: ownerId,
      IsClosed: false,
      CreatedById: ownerId,
      CreatedDate: toDateTime(createdAt + HOUR),
    });
  }
  return out;
}
