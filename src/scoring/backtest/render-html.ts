/**
 * The backtest report as one self-contained HTML page: inline CSS and SVG charts (ROC curves, win
 * rate per level), the same tables as the terminal, nothing fetched from anywhere.
 */
import type { BacktestReport, HorizonReport } from './report.js';
import type { BacktestRunFacts } from './render-text.js';
import { formatBacktestReport } from './render-text.js';
import { barChart, rocChart } from './svg-charts.js';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const auc = (h: HorizonReport): string => (h.score.value === null ? 'no AUC' : `AUC ${h.score.value.toFixed(2)}`);

export function formatBacktestHtml(report: BacktestReport, facts: BacktestRunFacts): string {
  const roc = rocChart(report.horizons.map((h) => ({ label: escapeHtml(`${h.days} days before close: ${auc(h)}`), points: h.roc })));
  const bars = barChart(
    report.horizons.map((h) => ({
      label: escapeHtml(`${h.days} days before close`),
      bars: (['High', 'Medium', 'Low'] as const).map((level) => ({ label: `${level} (${h.levels.levels[level].deals})`, value: h.levels.levels[level].winRate })),
    })),
  );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // No external request of any kind: the page must open offline and leak nothing.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<title>dealrisk backtest</title>',
    '<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#212529}pre{background:#f8f9fa;padding:1rem;overflow-x:auto;font-size:12px}.charts{display:flex;gap:3rem;flex-wrap:wrap}</style>',
    '</head><body>',
    '<h1>dealrisk backtest</h1>',
    `<p>${escapeHtml(`${report.deals.replayed} closed deals replayed at ${report.window.snapshotDates} dates, ${report.window.from.slice(0, 10)} to ${report.window.to.slice(0, 10)}.`)}</p>`,
    '<div class="charts">',
    `<figure><figcaption>ROC curve of the score (lost deals are the positives)</figcaption>${roc}</figure>`,
    `<figure><figcaption>Win rate per level</figcaption>${bars}</figure>`,
    '</div>',
    '<h2>Report</h2>',
    `<pre>${escapeHtml(formatBacktestReport(report, facts))}</pre>`,
    '</body></html>',
    '',
  ].join('\n');
}
