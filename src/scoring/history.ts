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

/**
 * Rows with their parsed CreatedDate, oldest first: `ms[i]` is the time of `rows[i]`. Two parallel
 * arrays rather than a `{ row, ms }` object per row, as a deal's history is sorted on every scoring
 * and the per-row objects showed in its allocation profile.
 */
export interface SortedRows<T> {
  rows: T[];
  ms: number[];
}

/** Rows with a parseable CreatedDate, oldest first; rows with equal times keep their given order. */
export function sortByCreated<T extends { CreatedDate: string }>(input: readonly T[]): SortedRows<T> {
  const rows: T[] = [];
  const ms: number[] = [];
  for (const row of input) {
    const t = parseTime(row.CreatedDate);
    if (!Number.isNaN(t)) {
      rows.push(row);
      ms.push(t);
    }
  }
  if (rows.length > 32) return sortLong(rows, ms);
  // Insertion sort: stable, the cheapest for the handful of rows a deal has, and costs nothing
  // when rows already come in order.
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    const t = ms[i]!;
    let j = i - 1;
    for (; j >= 0 && ms[j]! > t; j--) {
      rows[j + 1] = rows[j]!;
      ms[j + 1] = ms[j]!;
    }
    rows[j + 1] = row;
    ms[j + 1] = t;
  }
  return { rows, ms };
}

/** {@link sortByCreated} for long lists: Array#sort (stable) of the indexes. */
function sortLong<T>(rows: readonly T[], ms: readonly number[]): SortedRows<T> {
  const order = rows.map((_, i) => i).sort((a, b) => ms[a]! - ms[b]!);
  return { rows: order.map((i) => rows[i]!), ms: order.map((i) => ms[i]!) };
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
export function stageRunsOfSorted(sorted: SortedRows<OpportunityHistoryRow>): StageRun[] {
  const runs: StageRun[] = [];
  let current: StageRun | undefined;
  const { rows, ms } = sorted;
  for (let i = 0; i < rows.length; i++) {
    const stage = rows[i]!.StageName;
    if (current && current.stage === stage) continue;
    if (current) current.endMs = ms[i]!;
    current = { stage, startMs: ms[i]!, endMs: null };
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
  sortedHistory: () => SortedRows<OpportunityHistoryRow>,
): CloseDatePush[] {
  const pushes: CloseDatePush[] = [];
  const closeRows = fieldHistory.filter((r) => r.Field === 'CloseDate');
  if (closeRows.length > 0) {
    const { rows, ms } = sortByCreated(closeRows);
    for (let i = 0; i < rows.length; i++) {
      const push = pushOf(asDate(rows[i]!.OldValue), asDate(rows[i]!.NewValue), ms[i]!);
      if (push) pushes.push(push);
    }
    return pushes;
  }
  const { rows, ms } = sortedHistory();
  if (rows.some((row) => row.PrevCloseDate !== undefined)) {
    // PrevCloseDate says what each change moved from, even when earlier rows are gone.
    for (let i = 0; i < rows.length; i++) {
      const push = pushOf(asDate(rows[i]!.PrevCloseDate), asDate(rows[i]!.CloseDate), ms[i]!);
      if (push) pushes.push(push);
    }
    return pushes;
  }
  let previous: string | null = null;
  for (let i = 0; i < rows.length; i++) {
    const date = asDate(rows[i]!.CloseDate);
    if (!date) continue;
    const push = pushOf(previous, date, ms[i]!);
    if (push) pushes.push(push);
    previous = date;
  }
  return pushes;
}
