import type { ContactFact, ProfileGroup } from './assessment.js';
import type { CompiledMatcher, CompiledPlaybook } from './compiled.js';
import { sortByCreated, stageEntry, stageRunsOfSorted, type StageEntrySource, type SortedRows, type StageRun } from './history.js';
import type { Playbook } from './playbook.js';
import { DAY_MS, isoDateTime, parseTime, wholeDaysBetween } from './time.js';
import type { ActivityInput, OpportunityHistoryRow, OpportunityInput } from './types.js';

/** An activity with buyer-side participants. */
export interface PreparedActivity {
  a: ActivityInput;
  ms: number;
  /** Indexes (in the deal's contacts) of every deal contact on the activity, primary or not. */
  contacts: number[];
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
  /** Latest customer activity of participants who hold no contact role on the deal, by Contact or Lead id. */
  otherLastCustomerMs: ReadonlyMap<string, number>;
  mobilizers: ContactFact[];
  blockers: ContactFact[];
  /** Activity with at least one deal contact that has happened by now. */
  withContacts: PreparedActivity[];
  /** Activity with buyer-side participants still to come (a meeting booked for next week). */
  upcoming: PreparedActivity[];
  /** Index of the deal's stage in the playbook's open stages, undefined when unknown. */
  stageIndex: number | undefined;
  sortedHistory: SortedRows<OpportunityHistoryRow>;
  runs: StageRun[];
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

const NONE: readonly string[] = [];

/** Most deals' activity has no participant outside their contact roles: they share this empty map rather than each allocating one. */
const NO_OTHERS: ReadonlyMap<string, number> = new Map();

/**
 * Adds a participant of an activity: a deal contact's index to `onDeal` (once), else returns 1 for
 * a buyer who holds no contact role. Participants are the activity's WhoId and its who-relations
 * (`participantIds`, which usually repeat the WhoId); reading them in place, rather than building a
 * list per activity, kept an allocation per activity out of the scoring loop.
 */
function addParticipant(contacts: readonly ContactFact[], id: string, onDeal: number[]): number {
  const i = indexOfContact(contacts, id);
  if (i < 0) return 1;
  if (!onDeal.includes(i)) onDeal.push(i);
  return 0;
}

/** Notes `ms` as the latest customer activity of a participant who holds no contact role. */
function noteOther(contacts: readonly ContactFact[], id: string, ms: number, latest: Map<string, number>): void {
  if (indexOfContact(contacts, id) < 0 && ms > (latest.get(id) ?? -Infinity)) latest.set(id, ms);
}

function anyNewer(onDeal: readonly number[], lastMs: readonly number[], ms: number): boolean {
  for (const i of onDeal) if (ms > lastMs[i]!) return true;
  return false;
}

/** The facts of an open deal at `nowMs`. */
export function dealFacts(opp: OpportunityInput, playbook: Playbook, pb: CompiledPlaybook, nowMs: number): DealFacts {
  const contacts = contactsOf(opp, pb);
  const withContacts: PreparedActivity[] = [];
  const upcoming: PreparedActivity[] = [];
  const lastCustomerMs: number[] = [];
  for (let i = 0; i < contacts.length; i++) lastCustomerMs.push(-Infinity);
  let otherLastCustomerMs: Map<string, number> | undefined;
  // Seller-only rows (no Contact or Lead on them) drop out here. A contact counts once per
  // activity however often it is listed, and engagement counts distinct contacts, so an invitee's
  // child copy of an Event adds nobody twice.
  for (const a of opp.activities) {
    const who = a.WhoId;
    const ids = a.participantIds ?? NONE;
    if (who === null && ids.length === 0) continue;
    const ms = activityTime(a);
    if (Number.isNaN(ms)) continue;
    const onDeal: number[] = [];
    let others = who === null ? 0 : addParticipant(contacts, who, onDeal);
    for (const id of ids) if (id !== who) others += addParticipant(contacts, id, onDeal);
    const p: PreparedActivity = { a, ms, contacts: onDeal };
    if (ms > nowMs) {
      upcoming.push(p);
      continue;
    }
    if (onDeal.length > 0) withContacts.push(p);
    // Matching is the costly part: skip it when the activity could not change anyone's latest.
    if (!(others > 0 || anyNewer(onDeal, lastCustomerMs, ms)) || !isCustomerActivity(pb.customerActivity, p)) continue;
    for (const i of onDeal) if (ms > lastCustomerMs[i]!) lastCustomerMs[i] = ms;
    if (others === 0) continue;
    otherLastCustomerMs ??= new Map();
    if (who !== null) noteOther(contacts, who, ms, otherLastCustomerMs);
    for (const id of ids) noteOther(contacts, id, ms, otherLastCustomerMs);
  }
  const mobilizers: ContactFact[] = [];
  const blockers: ContactFact[] = [];
  for (let i = 0; i < contacts.length; i++) {
    const c = contacts[i]!;
    if (lastCustomerMs[i]! > -Infinity) c.lastCustomerActivityAt = isoDateTime(lastCustomerMs[i]!);
    if (c.group === 'mobilizer') mobilizers.push(c);
    else if (c.group === 'blocker') blockers.push(c);
  }

  const sortedHistory = sortByCreated(opp.history);
  const runs = stageRunsOfSorted(sortedHistory);
  const entry = stageEntry(opp.StageName, runs, opp.LastStageChangeDate, opp.CreatedDate);
  return {
    opp,
    playbook,
    pb,
    nowMs,
    todayMs: Math.floor(nowMs / DAY_MS) * DAY_MS,
    contacts,
    lastCustomerMs,
    otherLastCustomerMs: otherLastCustomerMs ?? NO_OTHERS,
    mobilizers,
    blockers,
    withContacts,
    upcoming,
    stageIndex: pb.stageIndex.get(opp.StageName),
    sortedHistory,
    runs,
    entry,
    daysInStage: entry ? wholeDaysBetween(entry.ms, nowMs) : null,
  };
}
