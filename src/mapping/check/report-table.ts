import type { CheckRow } from './check-row.js';

/** The check as a plain-text table: field or permission, role, status, what to do. */
export function formatCheckTable(rows: readonly CheckRow[]): string {
  const header: CheckRow = { item: 'FIELD OR PERMISSION', role: 'ROLE', status: 'STATUS' as CheckRow['status'], action: 'WHAT TO DO' };
  const all = [header, ...rows];
  const width = (key: 'item' | 'role' | 'status') => Math.max(...all.map((row) => row[key].length));
  const [item, role, status] = [width('item'), width('role'), width('status')];
  return all.map((row) => `${row.item.padEnd(item)}  ${row.role.padEnd(role)}  ${row.status.padEnd(status)}  ${row.action}`.trimEnd()).join('\n') + '\n';
}

/** One line for a sync that refuses to start. */
export function refusalLine(failures: readonly CheckRow[]): string {
  const first = failures[0]!;
  const more = failures.length > 1 ? ` and ${failures.length - 1} more` : '';
  return `the mapping does not fit the org (${first.item}: ${first.action}${more}); run 'dealrisk mapping check' for the full table`;
}
