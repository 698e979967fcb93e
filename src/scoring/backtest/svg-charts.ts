/** Inline SVG charts for the HTML report: plain markup, no script, no external request. */
import type { RocPoint } from './auc.js';

const COLORS = ['#1b6ac9', '#d9480f', '#2b8a3e', '#862e9c', '#495057'];

/** ROC curves (one per series) over the chance diagonal, in a square chart. */
export function rocChart(series: readonly { label: string; points: readonly RocPoint[] }[], size = 320): string {
  const pad = 36;
  const inner = size - 2 * pad;
  const x = (fpr: number) => (pad + fpr * inner).toFixed(1);
  const y = (tpr: number) => (size - pad - tpr * inner).toFixed(1);
  const lines = series.map((s, i) => {
    const path = s.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${x(p.fpr)},${y(p.tpr)}`).join(' ');
    return `<path d="${path}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"/>`;
  });
  // Bottom right, below the diagonal: where a curve that beats chance never goes.
  const legend = series.map((s, i) => `<text x="${size - pad - 8}" y="${size - pad - 8 - (series.length - 1 - i) * 16}" text-anchor="end" fill="${COLORS[i % COLORS.length]}" font-size="12">${s.label}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img" aria-label="ROC curve">`,
    `<rect x="${pad}" y="${pad}" width="${inner}" height="${inner}" fill="none" stroke="#adb5bd"/>`,
    `<path d="M${x(0)},${y(0)} L${x(1)},${y(1)}" stroke="#adb5bd" stroke-dasharray="4 4"/>`,
    ...lines,
    ...legend,
    `<text x="${size / 2}" y="${size - 8}" text-anchor="middle" font-size="12">won deals flagged (false positive rate)</text>`,
    `<text x="12" y="${size / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 12 ${size / 2})">lost deals flagged (true positive rate)</text>`,
    '</svg>',
  ].join('');
}

/** Horizontal bars of values 0–1 (win rates), one group per label. */
export function barChart(groups: readonly { label: string; bars: readonly { label: string; value: number | null }[] }[], width = 420): string {
  const rowHeight = 18;
  const labelWidth = 140;
  const barMax = width - labelWidth - 50;
  const rows: string[] = [];
  let top = 8;
  for (const group of groups) {
    rows.push(`<text x="0" y="${top + 12}" font-size="12" font-weight="bold">${group.label}</text>`);
    top += rowHeight;
    group.bars.forEach((bar, i) => {
      const value = bar.value ?? 0;
      rows.push(
        `<text x="12" y="${top + 12}" font-size="12">${bar.label}</text>`,
        `<rect x="${labelWidth}" y="${top + 2}" width="${(value * barMax).toFixed(1)}" height="${rowHeight - 6}" fill="${COLORS[i % COLORS.length]}"/>`,
        `<text x="${(labelWidth + value * barMax + 6).toFixed(1)}" y="${top + 12}" font-size="12">${bar.value === null ? '—' : `${Math.round(value * 100)}%`}</text>`,
      );
      top += rowHeight;
    });
    top += 6;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${top}" viewBox="0 0 ${width} ${top}" role="img" aria-label="win rate per level">${rows.join('')}</svg>`;
}
