import type { StageBenchmark } from './benchmark-types.js';
import type { StageEntrySource } from './history.js';
import type { RiskLevel, SignalCode } from './playbook.js';

// What an assessment says: the output types of the scoring core.

/** One signal that fired, with its points and the sentence that explains it. */
export interface Signal {
  code: SignalCode;
  points: number;
  reason: string;
  /** Record ids (or `Field=value`) behind the signal. */
  evidence: string[];
}

/** A verifier the deal's stage requires, met or not. */
export interface VerifierResult {
  code: string;
  label: string;
  /** The stage that introduces the verifier. */
  stage: string;
  kind: 'field' | 'contactRole' | 'activity';
  met: boolean;
  /** Activity ids, contact ids, or `Field=value` that satisfy it. */
  evidence: string[];
}

/** A signal that could not be judged because the org does not record its input: never risk. */
export interface NotAssessed {
  code: SignalCode;
  reason: string;
}

/** Stakeholder group of a contact's profile. */
export type ProfileGroup = 'mobilizer' | 'talker' | 'blocker' | 'unknown';

/** A contact on the deal (one entry per contact, however many roles it holds). */
export interface ContactFact {
  id: string;
  name: string;
  profile: string | null;
  group: ProfileGroup;
  roles: string[];
  /** Latest customer activity (per the playbook's `customerActivity`) with this contact, ISO. */
  lastCustomerActivityAt: string | null;
}

/** The facts behind an assessment, for `explain` and reports. */
export interface AssessmentFacts {
  stage: string;
  stageKnown: boolean;
  stageEnteredAt: string | null;
  stageEnteredSource: StageEntrySource | null;
  daysInStage: number | null;
  benchmark: StageBenchmark | null;
  /** daysInStage / benchmark.days */
  ratio: number | null;
  contacts: ContactFact[];
  /** Contacts whose profile is in one of the playbook's groups. */
  profiledContacts: number;
  mobilizers: string[];
  blockers: string[];
  verifiersMet: VerifierResult[];
  verifiersMissing: VerifierResult[];
  /** Verifiers the deal lacks that no won deal in the benchmark window met: the org does not record them, so they do not count. */
  verifiersUncalibrated: VerifierResult[];
  /** Signals not judged for lack of the org's data, each with why. */
  notAssessed: NotAssessed[];
  closeDate: string | null;
  closeDatePushes: number;
  daysPastCloseDate: number | null;
}

/** A follow-up Task to open (skip it when an open Task with the same key exists). */
export interface TaskRequest {
  /** `<opportunityId>:<SIGNAL_CODE>`, stored in `Deal_Risk_Key__c`. */
  key: string;
  code: SignalCode;
  subject: string;
  description: string;
  /** 'YYYY-MM-DD' (Task.ActivityDate) */
  dueDate: string;
  priority: 'High' | 'Normal' | 'Low';
}

/**
 * Tasks to open for signals that fire, and the signal codes whose open task (identity
 * {@link taskIdentity}) should be completed because the signal cleared.
 */
export interface TaskPlan {
  open: TaskRequest[];
  complete: SignalCode[];
}

/** The score of an open deal. */
export interface ScoredAssessment {
  status: 'scored';
  opportunityId: string;
  opportunityName: string;
  scoredAt: string;
  /** 0–100 */
  score: number;
  level: RiskLevel;
  /** Signal codes ordered by points (for Deal_Risk_Codes__c joined by ';'). */
  codes: SignalCode[];
  codesText: string;
  /** One sentence per signal, ordered by points (for Deal_Risk_Reasons__c joined by newlines). */
  reasons: string[];
  reasonsText: string;
  signals: Signal[];
  facts: AssessmentFacts;
  tasks: TaskPlan;
}

/** A closed deal: not scored; its dealrisk tasks may be completed. */
export interface NotScoredAssessment {
  status: 'not_scored';
  opportunityId: string;
  opportunityName: string;
  scoredAt: string;
  reason: string;
  tasks: TaskPlan;
}

export type Assessment = ScoredAssessment | NotScoredAssessment;

/** The identity of a dealrisk Task: one per deal and signal, so re-scoring never duplicates it. */
export function taskIdentity(opportunityId: string, code: SignalCode): string {
  return `${opportunityId}:${code}`;
}
