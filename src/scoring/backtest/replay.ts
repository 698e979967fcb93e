/**
 * Point-in-time replay: a closed deal rebuilt as it stood at a date D from the rows that existed
 * at D only. Stage, amount, close date, probability and forecast category come from the
 * OpportunityHistory rows created ≤ D; verifier fields from their field history (a field without
 * history keeps today's value: the report names those); the Next Step from its field history (not
 * judged without one); contact roles, Tasks and Events created ≤ D, each activity with everyone on
 * it (who-relations carry no date of their own here). Pure: rows in, snapshot out.
 */
import type { ActivityInput, ClosedDealInput, OpportunityFieldHistoryRow, OpportunityHistoryRow, OpportunityInput, Playbook } from '../index.js';
import type { BacktestDeal, BacktestHistoryRow, DatedContactRole, DealSnapshot, Outcome } from './types.js';

const DAY_MS = 86_400_000;

/** A row with its parsed CreatedDate. */
interface Timed<T> {
  row: T;
  ms: number;
}

/** A closed deal's stage history parsed and sorted once, and when it closed: what benchmarks at a date need. */
export interface PreparedClosed {
  deal: ClosedDealInput;
  closedAtMs: number;
  history: Timed<OpportunityHistoryRow>[];
}

/** A closed deal with all its rows parsed and sorted once, so replaying it at many dates is cheap. */
export interface PreparedDeal extends PreparedClosed {
  deal: BacktestDeal;
  outcome: Outcome;
  createdMs: number;
  history: Timed<BacktestHistoryRow>[];
  fieldHistory: Timed<OpportunityFieldHistoryRow>[];
  contactRoles: Timed<DatedContactRole>[];
  activities: Timed<ActivityInput>[];
}

/** Salesforce dates and datetimes ('+0000' offsets included) to epoch ms; NaN when absent or unparseable. */
export function wireTime(value: string | null | undefined): number {
  return typeof value === 'string' && value.length >= 10 ? Date.parse(value) : NaN;
}

/** Rows oldest first; a row whose CreatedDate does not parse is dropped (nothing shows it existed at D). */
function timed<T extends { CreatedDate: string }>(rows: readonly T[]): Timed<T>[] {
  return rows
    .map((row) => ({ row, ms: wireTime(row.CreatedDate) }))
    .filter((t) => !Number.isNaN(t.ms))
    .sort((a, b) => a.ms - b.ms);
}

/** The rows created at or before `atMs` (rows are sorted). */
function upTo<T>(rows: readonly Timed<T>[], atMs: number): T[] {
  const kept: T[] = [];
  for (const t of rows) {
    if (t.ms > atMs) break;
    kept.push(t.row);
  }
  return kept;
}

/**
 * When the deal closed: the first row of its final run of a closed stage in OpportunityHistory,
 * else its CloseDate (the end of that day, so a deal is still open on its close date).
 */
function closedAt(history: readonly Timed<OpportunityHistoryRow>[], closeDate: string | null, closedStages: ReadonlySet<string>): number {
  let start = NaN;
  for (let i = history.length - 1; i >= 0 && closedStages.has(history[i]!.row.StageName); i--) start = history[i]!.ms;
  if (!Number.isNaN(start)) return start;
  const day = wireTime(closeDate?.slice(0, 10));
  return Number.isNaN(day) ? NaN : day + DAY_MS - 1;
}

/** The stages that end a deal: the playbook's won and lost stages. */
export function closedStagesOf(playbook: Playbook): Set<string> {
  return new Set([...playbook.stages.won, ...playbook.stages.lost]);
}

/** Parses and sorts a closed deal's stage history; undefined for a deal still open or without a known close. */
export function prepareClosed(deal: ClosedDealInput, closedStages: ReadonlySet<string>): PreparedClosed | undefined {
  if (!deal.IsClosed) return undefined;
  const history = timed(deal.history);
  const closedAtMs = closedAt(history, deal.CloseDate, closedStages);
  return Number.isNaN(closedAtMs) ? undefined : { deal, closedAtMs, history };
}

/** Parses and sorts a closed deal's rows; undefined for a deal still open or without a known close. */
export function prepareDeal(deal: BacktestDeal, closedStages: ReadonlySet<string>): PreparedDeal | undefined {
  if (!deal.IsClosed) return undefined;
  const history = timed(deal.history);
  const closedAtMs = closedAt(history, deal.CloseDate, closedStages);
  const createdMs = wireTime(deal.CreatedDate);
  if (Number.isNaN(closedAtMs) || Number.isNaN(createdMs)) return undefined;
  return {
    deal,
    outcome: deal.IsWon ? 'won' : 'lost',
    createdMs,
    closedAtMs,
    history,
    fieldHistory: timed(deal.fieldHistory),
    contactRoles: timed(deal.contactRoles),
    activities: timed(deal.activities),
  };
}

/** A field's value at D: the old value of its first change after D, else today's value. */
function fieldsAt(p: PreparedDeal, atMs: number): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...p.deal.fields };
  const settled = new Set<string>();
  for (const { row, ms } of p.fieldHistory) {
    if (ms <= atMs || settled.has(row.Field) || !(row.Field in fields)) continue;
    fields[row.Field] = row.OldValue ?? null;
    settled.add(row.Field);
  }
  return fields;
}

/**
 * The Next Step at D: the old value of its first change after D, else today's. Undefined (not
 * judged) when its field history shows no change at all: history tracking may be off, and today's
 * value of a closed deal is its last, which would tell the replay how the deal ended.
 */
function nextStepAt(p: PreparedDeal, atMs: number): string | null | undefined {
  let changes = 0;
  for (const { row, ms } of p.fieldHistory) {
    if (row.Field !== 'NextStep') continue;
    if (ms > atMs) return typeof row.OldValue === 'string' ? row.OldValue : null;
    changes++;
  }
  return changes > 0 ? (p.deal.NextStep ?? null) : undefined;
}

/**
 * The deal as it stood at `atMs`, or undefined when it was not open then (not yet created, already
 * closed, or with no stage history row by then). The label is the outcome it went on to have.
 */
export function snapshotAt(p: PreparedDeal, atMs: number, closedStages: ReadonlySet<string>): DealSnapshot | undefined {
  if (atMs < p.createdMs || atMs >= p.closedAtMs) return undefined;
  const history = upTo(p.history, atMs);
  const last = history[history.length - 1];
  if (!last || closedStages.has(last.StageName)) return undefined;
  const { deal } = p;
  const opportunity: OpportunityInput = {
    Id: deal.Id,
    Name: deal.Name,
    StageName: last.StageName,
    CloseDate: last.CloseDate ?? null,
    CreatedDate: deal.CreatedDate,
    // Today's LastStageChangeDate may be the close: the stage entry comes from the history rows at D.
    LastStageChangeDate: null,
    IsClosed: false,
    IsWon: false,
    Amount: last.Amount ?? null,
    NextStep: nextStepAt(p, atMs),
    OwnerId: deal.OwnerId,
    fields: fieldsAt(p, atMs),
    history,
    fieldHistory: upTo(p.fieldHistory, atMs),
    contactRoles: upTo(p.contactRoles, atMs),
    activities: upTo(p.activities, atMs),
  };
  return {
    dealId: deal.Id,
    atMs,
    opportunity,
    outcome: p.outcome,
    closedAtMs: p.closedAtMs,
    daysToClose: Math.floor((p.closedAtMs - atMs) / DAY_MS),
    amount: last.Amount ?? null,
    probability: last.Probability ?? null,
    forecastCategory: last.ForecastCategory ?? null,
  };
}

/**
 * The deals closed by `atMs` as they stood then: the input of benchmarks at D. A fully read deal
 * also brings its verifier fields, contact roles and activities at D (won deals calibrate the
 * verifiers); a deal read for benchmarks only brings its stage history.
 */
export function closedBy(deals: readonly (PreparedClosed | PreparedDeal)[], atMs: number): ClosedDealInput[] {
  const closed: ClosedDealInput[] = [];
  for (const p of deals) {
    if (p.closedAtMs > atMs) continue;
    const history = upTo(p.history, atMs);
    closed.push('activities' in p ? { ...p.deal, history, fields: fieldsAt(p, atMs), contactRoles: upTo(p.contactRoles, atMs), activities: upTo(p.activities, atMs) } : { ...p.deal, history });
  }
  return closed;
}

/**
 * Snapshot dates, oldest first: every `everyDays` days back from `nowMs`, over the last `months`
 * calendar months (UTC). The newest is `nowMs` itself.
 */
export function snapshotDates(nowMs: number, months: number, everyDays: number): number[] {
  const start = new Date(nowMs);
  start.setUTCMonth(start.getUTCMonth() - months);
  const dates: number[] = [];
  for (let at = nowMs; at >= start.getTime(); at -= everyDays * DAY_MS) dates.unshift(at);
  return dates;
}
