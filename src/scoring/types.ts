/**
 * Input of the scoring core: one Opportunity with its related rows, named like the Salesforce
 * fields they come from so an adapter maps them one to one.
 *
 * Dates are Salesforce wire strings: dates 'YYYY-MM-DD' (read as UTC), datetimes ISO 8601
 * ('2026-01-05T10:00:00.000+0000'). Related rows may arrive in any order: the core sorts them
 * by `CreatedDate` itself (a stable sort, so rows with equal timestamps keep their given order).
 * Absent values may be `null` or missing; both mean "not set".
 */

/** An `OpportunityHistory` row. Salesforce writes one on every change of StageName, Amount, CloseDate or Probability. */
export interface OpportunityHistoryRow {
  StageName: string;
  CreatedDate: string;
  CloseDate?: string | null;
  Amount?: number | null;
  Probability?: number | null;
  /** The close date before this change (API 50+); null on a deal's first row. Gives close-date pushes without field history. */
  PrevCloseDate?: string | null;
  /** The amount before this change. */
  PrevAmount?: number | null;
}

/** An `OpportunityFieldHistory` row (needs field history tracking on the field). */
export interface OpportunityFieldHistoryRow {
  /** API name of the changed field, e.g. `CloseDate`. */
  Field: string;
  OldValue: unknown;
  NewValue: unknown;
  CreatedDate: string;
}

/** The contact behind a contact role, with its stakeholder profile (e.g. `Stakeholder_Profile__c`). */
export interface ContactInput {
  Id: string;
  Name?: string | null;
  /** Stakeholder profile value (Go-Getter, Teacher, Skeptic, Guide, Friend, Climber, Blocker) or null when unset. */
  profile: string | null;
}

/** An `OpportunityContactRole` with its contact. */
export interface ContactRoleInput {
  ContactId: string;
  Role: string | null;
  IsPrimary: boolean;
  contact: ContactInput;
}

/** A Task or Event on the opportunity (`WhatId` = the opportunity). */
export interface ActivityInput {
  Id: string;
  kind: 'Task' | 'Event';
  Type: string | null;
  Subject: string | null;
  /** The Contact or Lead the activity is with; null for seller-only and internal activity. */
  WhoId: string | null;
  /** Every Contact or Lead on the activity (its who-relations, WhoId included); absent when the org does not say. */
  participantIds?: readonly string[];
  /** Task: its date ('YYYY-MM-DD'). Events may carry it too for all-day events. */
  ActivityDate?: string | null;
  /** Event: when it starts. */
  StartDateTime?: string | null;
  CreatedDate: string;
  Status?: string | null;
}

/** One Opportunity and everything the scoring core reads about it. */
export interface OpportunityInput {
  Id: string;
  Name: string;
  StageName: string;
  /** 'YYYY-MM-DD' */
  CloseDate: string | null;
  CreatedDate: string;
  LastStageChangeDate?: string | null;
  IsClosed: boolean;
  IsWon: boolean;
  Amount?: number | null;
  /** The rep's next step (Opportunity.NextStep); absent when the adapter does not read it, null when empty. */
  NextStep?: string | null;
  OwnerId: string;
  /** Custom and other Opportunity fields by API name, read by field verifiers. */
  fields: Record<string, unknown>;
  history: readonly OpportunityHistoryRow[];
  fieldHistory: readonly OpportunityFieldHistoryRow[];
  contactRoles: readonly ContactRoleInput[];
  activities: readonly ActivityInput[];
}

/**
 * What benchmarks need of a closed deal: its outcome, its close date and its stage history; with
 * its verifier fields, contact roles, activities and NextStep when given, won deals also
 * calibrate the verifiers, engagement and the next step (which ones the org records at all).
 */
export type ClosedDealInput = Pick<OpportunityInput, 'Id' | 'StageName' | 'CloseDate' | 'CreatedDate' | 'IsClosed' | 'IsWon' | 'history'> &
  Partial<Pick<OpportunityInput, 'fields' | 'contactRoles' | 'activities' | 'NextStep'>>;
