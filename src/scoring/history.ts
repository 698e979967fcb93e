import type { OpportunityFieldHistoryRow, OpportunityHistoryRow } from './types.js';
import { parseTime } from './time.js';

/** A maximal run of consecutive history rows with the same stage. */
export interface StageRun {
  stage: string;
  /** CreatedDate of the run's first row (epoch ms). */
  startMs: number;
  /** CreatedDate of the next run's first row, or null for the last run. */
  endMs: number | null;
}

/** A row with its parsed CreatedDate. */
export interface TimedRow<T> {
  row: T;
  ms: number;
}

/** Rows with a parseable CreatedDate, oldest first; rows with equal times keep their given order. */
export function sortByCreated<T extends { CreatedDate: string }>(rows: readonly T[]): TimedRow<T>[] {
  const timed: TimedRow<T>[] = [];
  for (const row of rows) {
    const ms = parseTime(row.CreatedDate);
    if (!Number.isNaN(ms)) timed.push({ row, ms });
  }
  // Both sorts are stable, keeping ties in their given order. Insertion sort is the cheaper one for
  // the handful of rows a deal has, and costs nothing when rows already come in order.
  if (timed.length > 32) return timed.sort((a, b) => a.ms - b.ms);
  for (let i = 1; i < timed.length; i++) {
    const item = timed[i]!;
    let j = i - 1;
    while (j >= 0 && timed[j]!.ms > item.ms) {
      timed[j + 1] = timed[j]!;
      j--;
    }
    timed[j + 1] = item;
  }
  return timed;
}

/**
 * Splits stage history into runs. Salesforce also writes a row on every Amount, CloseDate or
 * Probability change, repeating the unchanged StageName, so a stage entry is the first row of a run,
 * not the latest row with that stage.
 */
export function stageRuns(history: readonly OpportunityHistoryRow[]): StageRun[] {
  return stageRunsOfSorted(sortByCreated(history));
}

/** {@link stageRuns} for rows already sorted by {@link sortByCreated}. */
export function stageRunsOfSorted(sorted: readonly TimedRow<OpportunityHistoryRow>[]): StageRun[] {
  const runs: StageRun[] = [];
  let current: StageRun | undefined;
  for (const { row, ms } of sorted) {
    if (current && current.stage === row.StageName) continue;
    if (current) current.endMs = ms;
    current = { stage: row.StageName, startMs: ms, endMs: null };
    runs.push(current);
  }
  return runs;
}

/** How the stage entry date was found. */
export type StageEntrySource = 'history' | 'LastStageChangeDate' | 'CreatedDate';

/**
 * When the deal entered its current stage: the first row of the latest unbroken run of that stage
 * (after a regression, the latest run counts). Without such a run, falls back to
 * LastStageChangeDate, then CreatedDate. Returns null when none of them parses.
 */
export function stageEntry(
  stage: string,
  runs: readonly StageRun[],
  lastStageChangeDate: string | null | undefined,
  createdDate: string,
): { ms: number; source: StageEntrySource } | null {
  const last = runs[runs.length - 1];
  if (last && last.stage === stage) return { ms: last.startMs, source: 'history' };
  const changed = parseTime(lastStageChangeDate);
  if (!Number.isNaN(changed)) return { ms: changed, source: 'LastStageChangeDate' };
  const created = parseTime(createdDate);
  if (!Number.isNaN(created)) return { ms: created, source: 'CreatedDate' };
  return null;
}

/**
 * Milliseconds of each stage's latest finished run (the open last run is not counted). Open deals
 * are measured the same way, from the start of their latest run, so both sides of the comparison
 * count one visit: a deal that went back to a stage starts its clock again (and STAGE_REGRESSED
 * says it went back).
 */
export function latestVisits(runs: readonly StageRun[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const run of runs) if (run.endMs !== null) latest.set(run.stage, run.endMs - run.startMs);
  return latest;
}

/** A move of the close date to a later date. */
export interface CloseDatePush {
  from: string;
  to: string;
  /** `from` and `to` parsed (UTC midnight), once. */
  fromMs: number;
  toMs: number;
  atMs: number;
}

function asDate(value: unknown): string | null {
  return typeof value === 'string' && value.length >= 10 ? value.slice(0, 10) : null;
}

/** The push from `from` to `to`, or null unless both are dates and `to` is later. */
function pushOf(from: string | null, to: string | null, atMs: number): CloseDatePush | null {
  // 'YYYY-MM-DD' strings compare in date order: parse only the few rows that are pushes.
  if (!from || !to || !(to > from)) return null;
  const fromMs = parseTime(from);
  const toMs = parseTime(to);
  return toMs > fromMs ? { from, to, fromMs, toMs, atMs } : null;
}

/**
 * Times the close date moved later. Reads OpportunityFieldHistory rows for CloseDate; when there
 * are none (field history tracking off), OpportunityHistory: each row's PrevCloseDate → CloseDate
 * where the rows carry PrevCloseDate, else the moves between consecutive rows' CloseDate.
 */
export function closeDatePushes(
  fieldHistory: readonly OpportunityFieldHistoryRow[],
  history: readonly OpportunityHistoryRow[],
): CloseDatePush[] {
  return closeDatePushesOfSorted(fieldHistory, () => sortByCreated(history));
}

/** {@link closeDatePushes} with the stage history sorted only when it is needed. */
export function closeDatePushesOfSorted(
  fieldHistory: readonly OpportunityFieldHistoryRow[],
  sortedHistory: () => readonly TimedRow<OpportunityHistoryRow>[],
): CloseDatePush[] {
  const pushes: CloseDatePush[] = [];
  const closeRows = fieldHistory.filter((r) => r.Field === 'CloseDate');
  if (closeRows.length > 0) {
    for (const { row, ms } of sortByCreated(closeRows)) {
      const push = pushOf(asDate(row.OldValue), asDate(row.NewValue), ms);
      if (push) pushes.push(push);
    }
    return pushes;
  }
  const sorted = sortedHistory();
  if (sorted.some(({ row }) => row.PrevCloseDate !== undefined)) {
    // PrevCloseDate says what each change moved from, even when earlier rows are gone.
    for (const { row, ms } of sorted) {
      const push = pushOf(asDate(row.PrevCloseDate), asDate(row.CloseDate), ms);
      if (push) pushes.push(push);
    }
    return pushes;
  }
  let previous: string | null = null;
  for (const { row, ms } of sorted) {
    const date = asDate(row.CloseDate);
    if (!date) continue;
    const push = pushOf(previous, date, ms);
    if (push) pushes.push(push);
    previous = date;
  }
  return pushes;
}
