/**
 * Tasks and Events on a deal (WhatId = the opportunity). Customer behaviour: meetings the customer
 * attended (Events, Type 'Meeting', with a deal contact) and customer replies (completed email
 * Tasks 'Re: …' from a deal contact). Seller activity: voicemails, follow-up emails, internal
 * reviews and internal meetings, which say nothing about the buyer.
 */
import type { IdSequences } from './ids.js';
import type { VerifierMoments } from './opportunity.js';
import type { ContactPlan } from './people.js';
import type { Random } from './random.js';
import type { DealTraits } from './research.js';
import { OPEN_STAGES } from './stages.js';
import { instantBetween, runAt, type DealTimeline } from './timeline.js';
import { DAY, HOUR, duringBusinessHours, startOfDay, toDate, toDateTime, wholeSecond } from './time.js';

type Row = Record<string, unknown>;

export interface ActivityInput {
  opportunityId: string;
  ownerId: string;
  timeline: DealTimeline;
  traits: DealTraits;
  contacts: readonly ContactPlan[];
  verifiers: VerifierMoments;
  asOfMs: number;
}

export interface ActivityRows {
  tasks: Row[];
  events: Row[];
}

const HALF_HOUR = HOUR / 2;

/** Meeting subjects by open stage index: what a customer meeting at that point is about. */
const MEETING_SUBJECTS: readonly (readonly string[])[] = [
  ['Intro call', 'Discovery meeting'],
  ['Discovery meeting', 'Qualification call'],
  ['Discovery meeting', 'Requirements workshop'],
  ['Solution workshop', 'Business case review'],
  ['Solution workshop', 'Stakeholder alignment meeting'],
  ['Solution workshop', 'Executive alignment meeting'],
  ['Proposal review', 'Pricing discussion'],
  ['Contract review', 'Negotiation meeting'],
];
const REPLY_TOPICS = ['Next steps', 'Meeting follow-up', 'Pricing questions', 'Proposal', 'Business case', 'Security questionnaire', 'Timeline'];
const SELLER_TASKS = [
  { Subject: 'Left voicemail', Type: 'Call', TaskSubtype: 'Call', withContact: true },
  { Subject: 'Sent follow-up email', Type: 'Email', TaskSubtype: 'Email', withContact: true },
  { Subject: 'Internal deal review', Type: 'Other', TaskSubtype: 'Task', withContact: false },
] as const;
const INTERNAL_EVENT_SUBJECTS = ['Deal strategy session', 'Forecast review', 'Internal deal review'];
const PRIORITIES = [['Normal', 0.7], ['High', 0.2], ['Low', 0.1]] as const;

export function makeActivities(ids: IdSequences, rng: Random, input: ActivityInput): ActivityRows {
  const { timeline, traits } = input;
  const tasks: { at: number; row: Row }[] = [];
  const events: { at: number; row: Row }[] = [];
  // Deals that died early had less time for activity.
  const scale = Math.max(0.25, (timeline.furthest + 1) / OPEN_STAGES.length);
  const count = (range: readonly [number, number]): number => Math.round(rng.int(range[0], range[1]) * scale);
  const contact = (): ContactPlan => rng.pick(input.contacts);

  // Milestone meetings: the customer confirmed the business case / reviewed the proposal there.
  const { businessCaseConfirmedAt, proposalReviewedAt } = input.verifiers;
  if (businessCaseConfirmedAt !== null) events.push(meeting(rng, input, 'Business case review', contact(), businessCaseConfirmedAt - 2 * HOUR));
  if (proposalReviewedAt !== null) events.push(meeting(rng, input, 'Proposal review', contact(), proposalReviewedAt - 2 * HOUR));

  for (let i = count(traits.customerMeetings); i > 0; i -= 1) {
    const at = instantBetween(rng, timeline.createdAt, timeline.endAt);
    events.push(meeting(rng, input, rng.pick(MEETING_SUBJECTS[runAt(timeline, at).stage]!), contact(), at));
  }
  for (let i = count(traits.internalEvents); i > 0; i -= 1) {
    const at = instantBetween(rng, timeline.createdAt, timeline.endAt);
    events.push(internalEvent(rng, input, at));
  }
  for (let i = count(traits.customerReplies); i > 0; i -= 1) {
    const at = instantBetween(rng, timeline.createdAt, timeline.endAt);
    tasks.push(completedTask(rng, input, at, { Subject: `Re: ${rng.pick(REPLY_TOPICS)}`, Type: 'Email', TaskSubtype: 'Email' }, contact()));
  }
  for (let i = count(traits.sellerTouches); i > 0; i -= 1) {
    const at = instantBetween(rng, timeline.createdAt, timeline.endAt);
    const kind = rng.pick(SELLER_TASKS);
    tasks.push(completedTask(rng, input, at, kind, kind.withContact ? contact() : null));
  }
  if (timeline.closedAt === null) tasks.push(openFollowUp(rng, input, contact()));

  return { tasks: numberInTimeOrder(ids, 'Task', tasks), events: numberInTimeOrder(ids, 'Event', events) };
}

/** Sorts by time and hands out ids in that order, so ids rise with time as in a real org. */
function numberInTimeOrder(ids: IdSequences, object: 'Task' | 'Event', items: { at: number; row: Row }[]): Row[] {
  return items
    .sort((a, b) => a.at - b.at)
    .map(({ row }) => {
      row.Id = ids.next(object);
      return row;
    });
}

/**
 * A meeting around `at`, on the half hour, kept inside the deal's life so it ends by the close
 * (or asOf); it was scheduled a little earlier.
 */
function meeting(rng: Random, input: ActivityInput, subject: string, who: ContactPlan, at: number): { at: number; row: Row } {
  const minutes = rng.pick([30, 45, 60, 60, 90]);
  return eventRow(rng, input, { Subject: subject, Type: 'Meeting', WhoId: who.id }, minutes, at);
}

function internalEvent(rng: Random, input: ActivityInput, at: number): { at: number; row: Row } {
  return eventRow(rng, input, { Subject: rng.pick(INTERNAL_EVENT_SUBJECTS), Type: 'Other', WhoId: null }, 30, at);
}

function eventRow(
  rng: Random,
  input: ActivityInput,
  what: { Subject: string; Type: string; WhoId: string | null },
  minutes: number,
  at: number,
): { at: number; row: Row } {
  const { createdAt, endAt } = input.timeline;
  const duration = minutes * 60_000;
  // Latest start that still ends by endAt once rounded up to the half hour; deals last ≥ 6 hours.
  const latest = endAt - duration - HALF_HOUR;
  const start = Math.ceil(Math.min(Math.max(duringBusinessHours(at), createdAt), latest) / HALF_HOUR) * HALF_HOUR;
  const scheduledAt = wholeSecond(Math.max(createdAt, start - rng.float(1, 72) * HOUR));
  const row: Row = {
    Id: '', // numbered once the deal's events are in time order
    Subject: what.Subject,
    Type: what.Type,
    IsAllDayEvent: false,
    ActivityDateTime: toDateTime(start),
    StartDateTime: toDateTime(start),
    EndDateTime: toDateTime(start + duration),
    ActivityDate: toDate(start),
    DurationInMinutes: minutes,
    WhoId: what.WhoId,
    WhatId: input.opportunityId,
    OwnerId: input.ownerId,
    CreatedById: input.ownerId,
    CreatedDate: toDateTime(Math.min(scheduledAt, start)),
  };
  return { at: start, row };
}

function completedTask(
  rng: Random,
  input: ActivityInput,
  at: number,
  kind: { Subject: string; Type: string; TaskSubtype: string },
  who: ContactPlan | null,
): { at: number; row: Row } {
  const done = Math.min(Math.max(duringBusinessHours(at), input.timeline.createdAt), input.timeline.endAt);
  return { at: done, row: taskRow(input, kind, who, 'Completed', rng.weighted(PRIORITIES), toDate(done), done) };
}

/**
 * The rep's next step on an open deal, due around today: healthy deals mostly upcoming, stalled
 * ones often overdue. Its due date may lie after asOf (a due date, not something that happened).
 */
function openFollowUp(rng: Random, input: ActivityInput, who: ContactPlan): { at: number; row: Row } {
  const { timeline, asOfMs } = input;
  const at = instantBetween(rng, Math.max(timeline.createdAt, asOfMs - 14 * DAY), asOfMs);
  const dueInDays = timeline.profile === 'stalled' ? rng.int(-30, 3) : rng.int(-3, 14);
  const due = toDate(startOfDay(asOfMs) + dueInDays * DAY);
  const kind = { Subject: 'Follow up on next steps', Type: 'Call', TaskSubtype: 'Task' };
  return { at, row: taskRow(input, kind, who, 'Not Started', rng.weighted(PRIORITIES), due, at) };
}

function taskRow(
  input: ActivityInput,
  kind: { Subject: string; Type: string; TaskSubtype: string },
  who: ContactPlan | null,
  status: 'Completed' | 'Not Started',
  priority: string,
  activityDate: string,
  createdAt: number,
): Row {
  return {
    Id: '', // numbered once the deal's tasks are in time order
    Subject: kind.Subject,
    Status: status,
    Priority: priority,
    ActivityDate: activityDate,
    Type: kind.Type,
    TaskSubtype: kind.TaskSubtype,
    WhoId: who ? who.id : null,
    WhatId: input.opportunityId,
    OwnerId: input.ownerId,
    IsClosed: status === 'Completed',
    CreatedById: input.ownerId,
    CreatedDate: toDateTime(createdAt),
  };
}
