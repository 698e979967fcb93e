// Test data builders for the scoring core: a healthy deal that scores 0, and small row makers
// so each test states only the facts it changes.
import { defaultPlaybook } from '../../../src/config/playbook-file.js';
import { playbookBenchmarks } from '../../../src/scoring/benchmarks.js';
import type { Benchmarks } from '../../../src/scoring/benchmarks.js';
import type { Playbook } from '../../../src/scoring/playbook.js';
import type { ActivityInput, ContactRoleInput, OpportunityHistoryRow, OpportunityInput } from '../../../src/scoring/types.js';

export const DAY = 86_400_000;
export const NOW = new Date('2026-06-15T12:00:00.000Z');

/** Salesforce datetime `n` days before NOW (fractions allowed). */
export function daysAgo(n: number, base: Date = NOW): string {
  return new Date(base.getTime() - n * DAY).toISOString().replace('Z', '+0000');
}
/** Salesforce date `n` days before NOW (negative = in the future). */
export function dateDaysAgo(n: number): string {
  return daysAgo(n).slice(0, 10);
}

export function role(id: string, profile: string | null, roleName: string | null = 'Influencer', name: string | null = `Contact ${id}`): ContactRoleInput {
  return { ContactId: id, Role: roleName, IsPrimary: false, contact: { Id: id, Name: name, profile } };
}

/** A meeting the customer attended (Event Meeting with a contact, and optionally its other attendees' who-relations). */
export function meeting(id: string, whoId: string | null, ago: number, participantIds?: string[]): ActivityInput {
  const base: ActivityInput = { Id: id, kind: 'Event', Type: 'Meeting', Subject: 'Working session', WhoId: whoId, StartDateTime: daysAgo(ago), CreatedDate: daysAgo(ago + 7) };
  return participantIds ? { ...base, participantIds } : base;
}
/** A customer reply (Task Email whose subject starts with Re:). */
export function reply(id: string, whoId: string | null, ago: number): ActivityInput {
  return { Id: id, kind: 'Task', Type: 'Email', Subject: 'Re: our proposal', WhoId: whoId, ActivityDate: dateDaysAgo(ago), CreatedDate: daysAgo(ago), Status: 'Completed' };
}
/** Seller-only activity: a voicemail or an unanswered follow-up. */
export function sellerTask(id: string, whoId: string | null, ago: number, type: 'Call' | 'Email' = 'Call'): ActivityInput {
  const subject = type === 'Call' ? 'Left voicemail' : 'Sent follow-up email';
  return { Id: id, kind: 'Task', Type: type, Subject: subject, WhoId: whoId, ActivityDate: dateDaysAgo(ago), CreatedDate: daysAgo(ago), Status: 'Completed' };
}
/** An internal seller meeting (Event of type Other, no contact). */
export function internalEvent(id: string, ago: number): ActivityInput {
  return { Id: id, kind: 'Event', Type: 'Other', Subject: 'Deal review', WhoId: null, StartDateTime: daysAgo(ago), CreatedDate: daysAgo(ago) };
}

export const STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
] as const;

/** Stage history walking from Prospecting up to `stage`, entering it `enteredAgo` days before NOW, with an Amount change row after entry. */
export function historyTo(stage: string, enteredAgo: number): OpportunityHistoryRow[] {
  const index = STAGES.indexOf(stage as (typeof STAGES)[number]);
  const earlier = index < 0 ? ['Prospecting'] : STAGES.slice(0, index);
  const rows: OpportunityHistoryRow[] = earlier.map((s, i) => ({
    StageName: s,
    CreatedDate: daysAgo(enteredAgo + (earlier.length - i) * 5),
    CloseDate: dateDaysAgo(-30),
    Amount: 50_000,
  }));
  rows.push({ StageName: stage, CreatedDate: daysAgo(enteredAgo), CloseDate: dateDaysAgo(-30), Amount: 50_000 });
  // Salesforce adds a row with the unchanged stage on an Amount change: it is not a stage entry.
  if (enteredAgo > 1) rows.push({ StageName: stage, CreatedDate: daysAgo(enteredAgo / 2), CloseDate: dateDaysAgo(-30), Amount: 60_000 });
  return rows;
}

/**
 * A deal that shows every verifier, a recently engaged Mobilizer, two contacts and a third buyer
 * who attended their meeting (three engaged), the next meeting booked, a close date ahead and a fresh stage entry: it
 * scores 0 in every stage of the default playbook.
 */
export function healthyDeal(stage: string = 'Negotiation/Review', overrides: Partial<OpportunityInput> = {}): OpportunityInput {
  return {
    Id: '006000000000001AAA',
    Name: 'Acme expansion',
    StageName: stage,
    CloseDate: dateDaysAgo(-30),
    CreatedDate: daysAgo(90),
    LastStageChangeDate: null,
    IsClosed: false,
    IsWon: false,
    Amount: 60_000,
    OwnerId: '005000000000001AAA',
    fields: {
      Success_Criteria_Agreed__c: true,
      Business_Case_Confirmed_Date__c: dateDaysAgo(40),
      Proposal_Reviewed_Date__c: dateDaysAgo(10),
      Procurement_Status__c: 'In Procurement',
    },
    history: historyTo(stage, 2),
    fieldHistory: [],
    contactRoles: [role('003M', 'Teacher', 'Economic Buyer', 'Maya Mobilizer'), role('003G', 'Guide', 'Influencer', 'Gus Guide')],
    activities: [
      meeting('00U000000000001', '003M', 5, ['003M', '003E']),
      reply('00T000000000001', '003G', 3),
      sellerTask('00T000000000002', null, 1),
      // The next meeting, booked for next week.
      meeting('00U000000000002', '003M', -7),
    ],
    ...overrides,
  };
}

/** The default playbook (a fresh copy each call, safe to tweak). */
export function playbook(): Playbook {
  return defaultPlaybook();
}

/**
 * Benchmarks with every stage at its playbook default, optionally with some stages' days replaced
 * (their thresholds follow as for a playbook benchmark: the playbook's ratios × days).
 */
export function benchmarks(pb: Playbook, days: Record<string, number> = {}): Benchmarks {
  const b = playbookBenchmarks(pb, NOW);
  for (const [stage, d] of Object.entries(days)) {
    const s = b.stages[stage];
    if (!s) throw new Error(`no stage ${stage}`);
    s.days = d;
    s.stalledDays = d * pb.signals.STAGE_STALLED.ratio;
    s.losingDays = Math.max(d * s.losing.usedRatio, s.stalledDays);
  }
  return b;
}

import { assessOpportunity, type ScoredAssessment } from '../../../src/scoring/assess.js';

/** Scores a deal that must be scored (fails the test for a not-scored result). */
export function scored(deal: OpportunityInput, pb: Playbook = playbook(), b: Benchmarks = benchmarks(pb), now: Date = NOW): ScoredAssessment {
  const a = assessOpportunity(deal, pb, b, now);
  if (a.status !== 'scored') throw new Error(`expected a scored assessment, got: ${a.reason}`);
  return a;
}

/** Points of one signal in an assessment, 0 when it did not fire. */
export function pointsOf(a: ScoredAssessment, code: string): number {
  return a.signals.find((s) => s.code === code)?.points ?? 0;
}
