import type { ContactFact, ProfileGroup } from './assessment.js';
import type { CompiledMatcher, CompiledPlaybook } from './compiled.js';
import { sortByCreated, stageEntry, stageRunsOfSorted, type StageEntrySource, type TimedRow } from './history.js';
import type { Playbook } from './playbook.js';
import { DAY_MS, isoDateTime, parseTime, wholeDaysBetween } from './time.js';
import type { ActivityInput, OpportunityHistoryRow, OpportunityInput } from './types.js';

/** An activity with one of the deal's contacts that has happened by `now`. */
export interface PreparedActivity {
  a: ActivityInput;
  ms: number;
  /** Index of the activity's contact in the deal's contacts. */
  contact: number;
}

/**
 * What every signal group reads about one open deal, derived once: its contacts and their latest
 * customer activity, its activity with contacts, and its time in the current stage.
 */
export interface DealFacts {
  opp: OpportunityInput;
  playbook: Playbook;
  pb: CompiledPlaybook;
  nowMs: number;
  /** Start of today (UTC): "within N days" counts calendar days, so a Task dated exactly N days ago still counts. */
  todayMs: number;
  contacts: ContactFact[];
  /** Latest customer activity per contact (same index as `contacts`), -Infinity when none. */
  lastCustomerMs: number[];
  mobilizers: ContactFact[];
  blockers: ContactFact[];
  withContacts: PreparedActivity[];
  /** Index of the deal's stage in the playbook's open stages, undefined when unknown. */
  stageIndex: number | undefined;
  sortedHistory: TimedRow<OpportunityHistoryRow>[];
  entry: { ms: number; source: StageEntrySource } | null;
  daysInStage: number | null;
}

function indexOfContact(contacts: readonly ContactFact[], id: string): number {
  for (let i = 0; i < contacts.length; i++) if (contacts[i]!.id === id) return i;
  return -1;
}

/** When an activity happened: an Event's start, a Task's date, else when it was logged. */
function activityTime(a: ActivityInput): number {
  const primary = a.kind === 'Event' ? (a.StartDateTime ?? a.ActivityDate) : a.ActivityDate;
  const ms = parseTime(primary);
  return Number.isNaN(ms) ? parseTime(a.CreatedDate) : ms;
}

/** Whether an activity matches a matcher (all its given conditions). */
export function matchesPrepared(m: CompiledMatcher, p: PreparedActivity): boolean {
  if (m.kind !== undefined && m.kind !== p.a.kind) return false;
  if (m.types !== undefined && (p.a.Type === null || !m.types.has(p.a.Type))) return false;
  if (m.subject !== undefined && (p.a.Subject === null || !m.subject.test(p.a.Subject))) return false;
  return true;
}

function isCustomerActivity(matchers: readonly CompiledMatcher[], p: PreparedActivity): boolean {
  for (const m of matchers) if (matchesPrepared(m, p)) return true;
  return false;
}

function groupOf(profile: string | null, pb: CompiledPlaybook): ProfileGroup {
  if (profile === null) return 'unknown';
  return pb.mobilizer.has(profile) ? 'mobilizer' : pb.talker.has(profile) ? 'talker' : pb.blocker.has(profile) ? 'blocker' : 'unknown';
}

/** Contacts: one per ContactId, grouped by stakeholder profile. Deals have a handful, so a linear search is cheaper than a Map. */
function contactsOf(opp: OpportunityInput, pb: CompiledPlaybook): ContactFact[] {
  const contacts: ContactFact[] = [];
  for (const role of opp.contactRoles) {
    let fact = contacts[indexOfContact(contacts, role.ContactId)];
    if (!fact) {
      const profile = role.contact.profile ?? null;
      fact = { id: role.ContactId, name: role.contact.Name ?? role.ContactId, profile, group: groupOf(profile, pb), roles: [], lastCustomerActivityAt: null };
      contacts.push(fact);
    }
    if (role.Role) fact.roles.push(role.Role);
  }
  return contacts;
}

/** The facts of an open deal at `nowMs`. */
export function dealFacts(opp: OpportunityInput, playbook: Playbook, pb: CompiledPlaybook, nowMs: number): DealFacts {
  const contacts = contactsOf(opp, pb);
  // Activity with one of the deal's contacts that has happened by now; seller-only rows (no deal contact) drop out here.
  const withContacts: PreparedActivity[] = [];
  const lastCustomerMs: number[] = contacts.map(() => -Infinity);
  for (const a of opp.activities) {
    const contact = a.WhoId === null ? -1 : indexOfContact(contacts, a.WhoId);
    if (contact < 0) continue;
    const ms = activityTime(a);
    if (Number.isNaN(ms) || ms > nowMs) continue;
    const p: PreparedActivity = { a, ms, contact };
    withContacts.push(p);
    if (ms > lastCustomerMs[contact]! && isCustomerActivity(pb.customerActivity, p)) lastCustomerMs[contact] = ms;
  }
  contacts.forEach((c, i) => {
    if (lastCustomerMs[i]! > -Infinity) c.lastCustomerActivityAt = isoDateTime(lastCustomerMs[i]!);
  });

  const sortedHistory = sortByCreated(opp.history);
  const entry = stageEntry(opp.StageName, stageRunsOfSorted(sortedHistory), opp.LastStageChangeDate, opp.CreatedDate);
  return {
    opp,
    playbook,
    pb,
    nowMs,
    todayMs: Math.floor(nowMs / DAY_MS) * DAY_MS,
    contacts,
    lastCustomerMs,
    mobilizers: contacts.filter((c) => c.group === 'mobilizer'),
    blockers: contacts.filter((c) => c.group === 'blocker'),
    withContacts,
    stageIndex: pb.stageIndex.get(opp.StageName),
    sortedHistory,
    entry,
    daysInStage: entry ? wholeDaysBetween(entry.ms, nowMs) : null,
  };
}
