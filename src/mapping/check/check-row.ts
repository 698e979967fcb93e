/** One line of `dealrisk mapping check`: what was checked, for which role, the verdict and what to do. */
export interface CheckRow {
  /** The field (Object.Field) or permission checked. */
  item: string;
  /** What dealrisk uses it for (e.g. `outputs.score`, `inputs.verifiers.FIRST_MEETING`, `sync`). */
  role: string;
  /** FAIL would break or falsify a sync; WARN is worth fixing; OK is fine. */
  status: 'OK' | 'WARN' | 'FAIL';
  /** What to do (or what was found, for OK). */
  action: string;
}

export const ok = (item: string, role: string, action: string): CheckRow => ({ item, role, status: 'OK', action });
export const warn = (item: string, role: string, action: string): CheckRow => ({ item, role, status: 'WARN', action });
export const fail = (item: string, role: string, action: string): CheckRow => ({ item, role, status: 'FAIL', action });

/** Whether any row would fail a sync. */
export function failing(rows: readonly CheckRow[]): CheckRow[] {
  return rows.filter((row) => row.status === 'FAIL');
}
