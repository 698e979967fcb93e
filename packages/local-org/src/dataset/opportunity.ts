/**
 * One Opportunity with its OpportunityHistory and OpportunityFieldHistory, replayed from its
 * timeline the way Salesforce records them: a history row at creation and on every change of
 * StageName, Amount, CloseDate or Probability (same StageName for changes inside a stage, with
 * PrevAmount/PrevCloseDate), and field-history rows for the creation ('created') and for each
 * tracked field (StageName, Amount, CloseDate) that changed.
 */
import { FIELD_HISTORY_DATA_TYPES, FORECAST_CATEGORY_BY_NAME, LEAD_SOURCES } from '../schema/standard-objects.js';
import type { IdSequences } from './ids.js';
import type { Random } from './random.js';
import {
  AMOUNT_MEDIAN,
  AMOUNT_SIGMA,
  CLOSE_DATE_PUSH_DAYS,
  PROCUREMENT_AT_NEGOTIATION,
  PROCUREMENT_NOT_STARTED_AT_PROPOSAL_RATE,
  STALLED_STALE_CLOSE_DATE_RATE,
  VERIFIER_STAGE,
  WON_MEDIAN_DAYS_IN_STAGE,
  type DealTraits,
} from './research.js';
import { OPEN_STAGES, type StageDef } from './stages.js';
import { firstRunFrom, instantBetween, type DealTimeline } from './timeline.js';
import { DAY, startOfDay, toDate, toDateTime } from './time.js';

type Row = Record<string, unknown>;

/** When the customer verified a milestone (epoch ms), for the matching customer meeting. */
export interface VerifierMoments {
  businessCaseConfirmedAt: number | null;
  proposalReviewedAt: number | null;
}

export interface OpportunityRows {
  opportunity: Row;
  history: Row[];
  fieldHistory: Row[];
  verifiers: VerifierMoments;
}

export interface OpportunityInput {
  id: string;
  name: string;
  accountId: string;
  ownerId: string;
  timeline: DealTimeline;
  traits: DealTraits;
  asOfMs: number;
}

interface DealState {
  stage: StageDef;
  amount: number;
  /** Midnight UTC of the close date. */
  closeDay: number;
  probability: number;
}

type Change =
  | { at: number; kind: 'stage'; stage: StageDef }
  | { at: number; kind: 'push'; days: number }
  | { at: number; kind: 'amount'; factor: number }
  | { at: number; kind: 'probability'; delta: number };

const OPPORTUNITY_TYPES = [
  ['New Customer', 0.6],
  ['Existing Customer - Upgrade', 0.25],
  ['Existing Customer - Replacement', 0.1],
  ['Existing Customer - Downgrade', 0.05],
] as const;

export function makeOpportunity(ids: IdSequences, rng: Random, input: OpportunityInput): OpportunityRows {
  const { timeline, traits } = input;
  const initial: DealState = {
    stage: OPEN_STAGES[timeline.runs[0]!.stage]!,
    amount: Math.max(1000, Math.round(rng.logNormal(AMOUNT_MEDIAN, AMOUNT_SIGMA) / 100) * 100),
    closeDay: startOfDay(timeline.createdAt + expectedCycleDays(rng, timeline.runs[0]!.stage) * DAY),
    probability: OPEN_STAGES[timeline.runs[0]!.stage]!.probability,
  };
  const replay = new HistoryReplay(ids, input.id, input.ownerId, initial, timeline.createdAt);
  for (const change of plannedChanges(rng, timeline, traits)) replay.apply(change.at, nextState(replay.state, change));

  if (timeline.closedAt !== null && timeline.outcome) {
    // Closing sets the stage and, as reps do, the close date to the day it closed.
    replay.apply(timeline.closedAt, {
      ...replay.state,
      stage: timeline.outcome,
      probability: timeline.outcome.probability,
      closeDay: startOfDay(timeline.closedAt),
    });
  } else {
    keepOpenCloseDateCurrent(rng, replay, timeline, input.asOfMs);
  }

  const verifiers = customerVerifiers(rng, timeline, traits);
  const state = replay.state;
  const lastModified = Math.max(replay.lastAt, verifiers.lastAt);
  const opportunity: Row = {
    Id: input.id,
    Name: input.name,
    AccountId: input.accountId,
    OwnerId: input.ownerId,
    StageName: state.stage.name,
    Probability: state.probability,
    Amount: state.amount,
    CloseDate: toDate(state.closeDay),
    Type: rng.weighted(OPPORTUNITY_TYPES),
    LeadSource: rng.pick(LEAD_SOURCES),
    Success_Criteria_Agreed__c: verifiers.successCriteriaAgreed,
    Business_Case_Confirmed_Date__c: dateOrNull(verifiers.moments.businessCaseConfirmedAt),
    Proposal_Reviewed_Date__c: dateOrNull(verifiers.moments.proposalReviewedAt),
    Procurement_Status__c: verifiers.procurementStatus,
    CreatedById: input.ownerId,
    CreatedDate: toDateTime(timeline.createdAt),
    LastModifiedDate: toDateTime(lastModified),
    LastStageChangeDate: toDateTime(replay.lastStageChangeAt),
  };
  return { opportunity, history: replay.history, fieldHistory: replay.fieldHistory, verifiers: verifiers.moments };
}

/** The close date a rep first forecasts: the won benchmark for the rest of the pipeline, give or take. */
function expectedCycleDays(rng: Random, firstStage: number): number {
  const remaining = WON_MEDIAN_DAYS_IN_STAGE.slice(firstStage).reduce((sum, days) => sum + days, 0);
  return remaining * rng.float(0.8, 1.3);
}

/** Stage entries after the first, plus the profile's close-date pushes, amount and probability edits, in time order. */
function plannedChanges(rng: Random, timeline: DealTimeline, traits: DealTraits): Change[] {
  const changes: Change[] = timeline.runs
    .slice(1)
    .map((run) => ({ at: run.start, kind: 'stage', stage: OPEN_STAGES[run.stage]! }) as const);
  const inside = (): number => instantBetween(rng, timeline.createdAt, timeline.endAt);

  const pushes = rng.weighted(traits.closeDatePushes);
  for (let i = 0; i < pushes; i += 1) {
    changes.push({ at: inside(), kind: 'push', days: rng.int(CLOSE_DATE_PUSH_DAYS[0], CLOSE_DATE_PUSH_DAYS[1]) });
  }
  const amountChanges = rng.weighted(traits.amountChanges);
  for (let i = 0; i < amountChanges; i += 1) changes.push({ at: inside(), kind: 'amount', factor: rng.float(0.7, 1.3) });
  if (rng.chance(traits.probabilityOverrideRate)) {
    changes.push({ at: inside(), kind: 'probability', delta: rng.pick([-15, -10, -5, 5, 10, 15]) });
  }
  // Stable sort: a change planned at the very second of a stage entry follows it.
  return changes.sort((a, b) => a.at - b.at);
}

function nextState(state: DealState, change: Change): DealState {
  switch (change.kind) {
    case 'stage':
      return { ...state, stage: change.stage, probability: change.stage.probability };
    case 'push':
      // A push always moves the date later: past today's date if it had already slipped.
      return { ...state, closeDay: Math.max(state.closeDay, startOfDay(change.at)) + change.days * DAY };
    case 'amount': {
      const amount = Math.max(1000, Math.round((state.amount * change.factor) / 100) * 100);
      return { ...state, amount: amount === state.amount ? amount + 500 : amount };
    }
    case 'probability':
      return { ...state, probability: Math.min(95, Math.max(5, state.probability + change.delta)) };
  }
}

/**
 * Healthy open deals keep a close date in the future (the rep pushes it shortly before today);
 * stalled ones often keep a date that already passed, a classic garbage-truck sign.
 */
function keepOpenCloseDateCurrent(rng: Random, replay: HistoryReplay, timeline: DealTimeline, asOfMs: number): void {
  const today = startOfDay(asOfMs);
  if (replay.state.closeDay >= today + 7 * DAY) return;
  if (timeline.profile === 'stalled' && rng.chance(STALLED_STALE_CLOSE_DATE_RATE)) return;
  if (asOfMs - replay.lastAt < 2000) return;
  const at = instantBetween(rng, replay.lastAt, asOfMs, 0.5, 1);
  replay.apply(at, { ...replay.state, closeDay: today + rng.int(14, 90) * DAY });
}

/** Writes the history rows for each state change, and remembers the current stage run. */
class HistoryReplay {
  readonly history: Row[] = [];
  readonly fieldHistory: Row[] = [];
  state: DealState;
  lastAt: number;
  lastStageChangeAt: number;

  constructor(
    private readonly ids: IdSequences,
    private readonly opportunityId: string,
    private readonly ownerId: string,
    initial: DealState,
    createdAt: number,
  ) {
    this.state = initial;
    this.lastAt = createdAt;
    this.lastStageChangeAt = createdAt;
    this.history.push(this.historyRow(initial, null, createdAt));
    // With field history tracking on, Salesforce records the creation itself as Field 'created'.
    this.fieldHistoryRow('created', null, null, createdAt);
  }

  apply(at: number, next: DealState): void {
    const prev = this.state;
    const stageChanged = next.stage !== prev.stage;
    if (!stageChanged && next.amount === prev.amount && next.closeDay === prev.closeDay && next.probability === prev.probability) {
      return;
    }
    this.history.push(this.historyRow(next, prev, at));
    if (stageChanged) {
      this.fieldHistoryRow('StageName', prev.stage.name, next.stage.name, at);
      this.lastStageChangeAt = at;
    }
    if (next.amount !== prev.amount) this.fieldHistoryRow('Amount', prev.amount, next.amount, at);
    if (next.closeDay !== prev.closeDay) this.fieldHistoryRow('CloseDate', toDate(prev.closeDay), toDate(next.closeDay), at);
    this.state = next;
    this.lastAt = at;
  }

  private historyRow(state: DealState, prev: DealState | null, at: number): Row {
    return {
      Id: this.ids.next('OpportunityHistory'),
      OpportunityId: this.opportunityId,
      StageName: state.stage.name,
      Amount: state.amount,
      CloseDate: toDate(state.closeDay),
      Probability: state.probability,
      // Salesforce records the forecast category on every history row (the stage's, in the demo data).
      ForecastCategory: FORECAST_CATEGORY_BY_NAME[state.stage.forecastCategoryName] ?? 'Pipeline',
      PrevAmount: prev ? prev.amount : null,
      PrevCloseDate: prev ? toDate(prev.closeDay) : null,
      CreatedById: this.ownerId,
      CreatedDate: toDateTime(at),
    };
  }

  private fieldHistoryRow(field: keyof typeof FIELD_HISTORY_DATA_TYPES, oldValue: unknown, newValue: unknown, at: number): void {
    this.fieldHistory.push({
      Id: this.ids.next('OpportunityFieldHistory'),
      OpportunityId: this.opportunityId,
      Field: field,
      DataType: FIELD_HISTORY_DATA_TYPES[field],
      OldValue: oldValue,
      NewValue: newValue,
      CreatedById: this.ownerId,
      CreatedDate: toDateTime(at),
    });
  }
}

interface Verifiers {
  successCriteriaAgreed: boolean;
  procurementStatus: string | null;
  moments: VerifierMoments;
  /** The latest edit they imply (for LastModifiedDate). */
  lastAt: number;
}

/**
 * dealrisk's customer verifiers: each becomes possible once the deal reached its stage, and is
 * recorded with the profile's rate at a moment inside that stage.
 */
function customerVerifiers(rng: Random, timeline: DealTimeline, traits: DealTraits): Verifiers {
  let lastAt = 0;
  /** When the rep recorded a verifier first possible at `stage`; null if never reached or (by chance) not verified. */
  const recordedAt = (stage: number, rate: number): number | null => {
    if (timeline.furthest < stage || !rng.chance(rate)) return null;
    const run = firstRunFrom(timeline, stage)!;
    const at = instantBetween(rng, run.start, run.end, 0.2, 0.9);
    lastAt = Math.max(lastAt, at);
    return at;
  };

  const successCriteriaAgreed = recordedAt(VERIFIER_STAGE.successCriteria, traits.verifierRate) !== null;
  const businessCaseConfirmedAt = recordedAt(VERIFIER_STAGE.businessCase, traits.verifierRate);
  const proposalReviewedAt = recordedAt(VERIFIER_STAGE.proposalReviewed, traits.verifierRate);

  let procurementStatus: string | null = null;
  if (recordedAt(VERIFIER_STAGE.procurement, 1) !== null) {
    procurementStatus = rng.weighted(PROCUREMENT_AT_NEGOTIATION[timeline.profile]);
  } else if (recordedAt(VERIFIER_STAGE.proposalReviewed, PROCUREMENT_NOT_STARTED_AT_PROPOSAL_RATE) !== null) {
    procurementStatus = 'Not Started';
  }
  return { successCriteriaAgreed, procurementStatus, moments: { businessCaseConfirmedAt, proposalReviewedAt }, lastAt };
}

function dateOrNull(ms: number | null): string | null {
  return ms === null ? null : toDate(ms);
}
