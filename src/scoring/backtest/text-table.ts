/** A plain-text table: a header row, then rows; numbers (cells starting with a digit, sign or dash-only) align right. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const numeric = header.map((_, c) => c > 0 && rows.every((row) => /^([-+]?[\d.]|—|–|n\/a)/.test(row[c] ?? '')));
  return all
    .map((row) => row.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd())
    .join('\n');
}

/** 0.123 → '12%'; null → '—'. */
export const percent = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 100)}%`);

/** 0.7834 → '0.78'; null → '—'. */
export const twoDecimals = (value: number | null): string => (value === null ? '—' : value.toFixed(2));
