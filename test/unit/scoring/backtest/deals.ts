// Closed deals for the backtest's tests: a deal walked through its stages on given days, closed won
// or lost on a given day, with rows added only where a test says so.
import type { BacktestDeal, BacktestHistoryRow, DatedContactRole } from '../../../../src/scoring/backtest/types.js';
import type { ActivityInput } from '../../../../src/scoring/index.js';

export const DAY = 86_400_000;
/** Day 0 of every test timeline. */
export const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** Salesforce datetime of day `n` (noon UTC) of the test timeline. */
export function day(n: number): string {
  return new Date(T0 + n * DAY + 12 * 3_600_000).toISOString().replace('Z', '+0000');
}
/** Epoch ms of day `n` at noon. */
export function dayMs(n: number): number {
  return T0 + n * DAY + 12 * 3_600_000;
}
/** Salesforce date of day `n`. */
export function date(n: number): string {
  return day(n).slice(0, 10);
}

export interface DealSpec {
  id: string;
  /** Stage entries: [stage, day]. */
  stages: [string, number][];
  /** Day it closed and how; omitted for a deal still open. */
  closed?: { day: number; won: boolean };
  amount?: number;
  closeDate?: number;
  contactRoles?: DatedContactRole[];
  activities?: ActivityInput[];
  extraHistory?: BacktestHistoryRow[];
}

const PROBABILITY: Record<string, number> = { Prospecting: 10, Qualification: 10, 'Needs Analysis': 20, 'Value Proposition': 50, 'Id. Decision Makers': 60, 'Negotiation/Review': 90 };

export function dealOf(spec: DealSpec): BacktestDeal {
  const amount = spec.amount ?? 10_000;
  const closeDate = date(spec.closeDate ?? spec.closed?.day ?? 200);
  const history: BacktestHistoryRow[] = spec.stages.map(([stage, n]) => ({
    StageName: stage,
    CreatedDate: day(n),
    Amount: amount,
    CloseDate: closeDate,
    Probability: PROBABILITY[stage] ?? 50,
    ForecastCategory: stage === 'Negotiation/Review' ? 'Forecast' : 'Pipeline',
  }));
  if (spec.closed) {
    const stage = spec.closed.won ? 'Closed Won' : 'Closed Lost';
    history.push({ StageName: stage, CreatedDate: day(spec.closed.day), Amount: amount, CloseDate: date(spec.closed.day), Probability: spec.closed.won ? 100 : 0, ForecastCategory: spec.closed.won ? 'Closed' : 'Omitted' });
  }
  history.push(...(spec.extraHistory ?? []));
  const last = history[history.length - 1]!;
  return {
    Id: spec.id,
    Name: `Deal ${spec.id}`,
    StageName: spec.closed ? last.StageName : spec.stages[spec.stages.length - 1]![0],
    CloseDate: last.CloseDate ?? null,
    CreatedDate: day(spec.stages[0]![1]),
    LastStageChangeDate: day(spec.closed?.day ?? spec.stages[spec.stages.length - 1]![1]),
    IsClosed: spec.closed !== undefined,
    IsWon: spec.closed?.won ?? false,
    Amount: last.Amount ?? null,
    OwnerId: '005000000000001AAA',
    fields: {},
    history,
    fieldHistory: [],
    contactRoles: spec.contactRoles ?? [],
    activities: spec.activities ?? [],
  };
}

export function contactRole(contactId: string, profile: string | null, createdDay: number, roleName = 'Influencer'): DatedContactRole {
  return { ContactId: contactId, Role: roleName, IsPrimary: false, CreatedDate: day(createdDay), contact: { Id: contactId, Name: `Contact ${contactId}`, profile } };
}

/** A customer meeting on day `on`, logged on day `logged` (the same day unless told). */
export function meetingOn(id: string, whoId: string, on: number, logged = on): ActivityInput {
  return { Id: id, kind: 'Event', Type: 'Meeting', Subject: 'Working session', WhoId: whoId, StartDateTime: day(on), ActivityDate: date(on), CreatedDate: day(logged) };
}

/** A customer email reply Task dated `on`, logged on day `logged`. */
export function replyOn(id: string, whoId: string, on: number, logged = on): ActivityInput {
  return { Id: id, kind: 'Task', Type: 'Email', Subject: 'Re: proposal', WhoId: whoId, ActivityDate: date(on), CreatedDate: day(logged), Status: 'Completed' };
}
