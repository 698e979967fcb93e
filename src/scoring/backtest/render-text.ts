/**
 * The backtest report as the terminal prints it: the AUC of the score and of the org's own fields
 * per horizon, then the first horizon in detail (levels, signals, stages), lead time and false
 * alarms, and the suggested points. Every number is also in the JSON (docs/backtest.md).
 */
import type { AucEstimate } from './auc.js';
import type { BacktestReport, HorizonReport } from './report.js';
import { percent, textTable, twoDecimals } from './text-table.js';

/** What the run adds to the report: its cost and what it could not replay. */
export interface BacktestRunFacts {
  closedDealsRead: number;
  apiCalls: number;
  takenAsToday: readonly string[];
}

function auc(estimate: AucEstimate): string {
  if (estimate.value === null) return 'n/a';
  return `${twoDecimals(estimate.value)} (${twoDecimals(estimate.low)}–${twoDecimals(estimate.high)})`;
}

const count = (n: number): string => n.toLocaleString('en-US');
const times = (value: number | null): string => (value === null ? '—' : `${value.toFixed(2)}×`);
const signed = (n: number): string => (n > 0 ? `+${n}` : n === 0 ? '0' : String(n));

function aucSection(report: BacktestReport): string[] {
  const rows = report.horizons.map((h) => [`${h.days} days`, count(h.deals), count(h.won), count(h.lost), auc(h.score), auc(h.probability), auc(h.forecastCategory)]);
  const lines = ['How well each measure told lost deals from won ones, scored N days before close', '(ROC AUC with its 95% interval over deals: 0.5 is chance, 1 is perfect)', textTable(['BEFORE CLOSE', 'DEALS', 'WON', 'LOST', 'DEALRISK SCORE', 'STAGE PROBABILITY', 'FORECAST CATEGORY'], rows)];
  const missing = report.horizons.flatMap((h) => (h.score.value === null ? [`  ${h.days} days: ${h.score.reason}`] : []));
  return missing.length > 0 ? [...lines, 'No AUC:', ...missing] : lines;
}

function levelSection(h: HorizonReport): string[] {
  const rows = (['High', 'Medium', 'Low'] as const).map((level) => {
    const r = h.levels.levels[level];
    return [level, count(r.deals), percent(r.winRate), percent(r.amountWinRate)];
  });
  const ratio = h.levels.highVsLow === null ? 'High-vs-Low win rate: — (needs High and Low deals, and Low deals that won)' : `High-vs-Low win rate: ${times(h.levels.highVsLow)} (below 1: High deals win less often than Low ones)`;
  return [`Win rate per level, ${h.days} days before close`, textTable(['LEVEL', 'DEALS', 'WIN RATE', 'BY AMOUNT'], rows), ratio];
}

function signalSection(h: HorizonReport): string[] {
  const rows = h.signals
    .filter((s) => s.fired > 0)
    .sort((a, b) => (b.lift ?? 0) - (a.lift ?? 0))
    .map((s) => [s.code, `${count(s.fired)}/${count(s.fired + s.notFired)}`, `${percent(s.winRateFired)} (${s.firedWon}/${s.fired})`, `${percent(s.winRateNotFired)} (${s.notFiredWon}/${s.notFired})`, times(s.lift)]);
  const silent = h.signals.filter((s) => s.fired === 0).map((s) => s.code);
  return [
    `Signals, ${h.days} days before close (lift: loss rate when fired ÷ loss rate of all deals)`,
    rows.length > 0 ? textTable(['SIGNAL', 'FIRED', 'WON WHEN FIRED', 'WON WHEN NOT', 'LIFT'], rows) : 'No signal fired.',
    ...(silent.length > 0 ? [`Never fired: ${silent.join(', ')}`] : []),
  ];
}

function stageSection(h: HorizonReport): string[] {
  const rows = h.stages.map((s) => [s.stage, count(s.deals), count(s.won), count(s.lost), auc(s.score), auc(s.probability)]);
  return [`By stage at that date, ${h.days} days before close`, textTable(['STAGE', 'DEALS', 'WON', 'LOST', 'DEALRISK SCORE', 'STAGE PROBABILITY'], rows)];
}

function timingSection(report: BacktestReport): string[] {
  const { leadTime: l, falseAlarms: f } = report;
  return [
    `Lead time: ${percent(l.share)} of eventually-lost amount (${count(Math.round(l.flaggedAmount))} of ${count(Math.round(l.lostAmount))}; ${l.flaggedDeals} of ${l.lostDeals} lost deals) was High at least ${l.days} days before close.`,
    `False alarms: ${percent(f.share)} of eventually-won deals (${f.highDeals} of ${f.wonDeals}) were High in their last ${f.days} days.`,
  ];
}

function suggestionSection(report: BacktestReport): string[] {
  const s = report.suggestedPoints;
  const rows = s.signals.map((sig) => [sig.code, String(sig.playbook), String(sig.suggested), signed(sig.suggested - sig.playbook), count(sig.firedDeals)]);
  const aucs = report.horizons.map((h) => `${h.days} days ${twoDecimals(h.suggestedAuc.playbook)} → ${twoDecimals(h.suggestedAuc.suggested)}`).join(', ');
  const changed = s.signals.filter((sig) => sig.suggested !== sig.playbook);
  const diff = changed.length === 0 ? ['The suggestion keeps every playbook point.'] : ['As a playbook diff (copy into your playbook only what you agree with):', ' signals:', ...changed.flatMap((sig) => [`   ${sig.code}:`, `-    points: ${sig.playbook}`, `+    points: ${sig.suggested}`])];
  return [
    `Suggested points (logistic model of "lost" over ${count(s.deals)} deals, shrunk toward the playbook with a ±${s.priorPoints}-point prior; never applied)`,
    textTable(['SIGNAL', 'PLAYBOOK', 'SUGGESTED', 'CHANGE', 'FIRED IN DEALS'], rows),
    `AUC with the playbook's points → with the suggested ones: ${aucs}`,
    '(in-sample: the suggestion was fitted on these same deals, so its AUC is optimistic)',
    ...diff,
  ];
}

export function formatBacktestReport(report: BacktestReport, facts: BacktestRunFacts): string {
  const w = report.window;
  const detail = report.horizons[0];
  const sections: string[][] = [
    [
      `Backtest of ${count(report.deals.replayed)} closed deals (${count(report.deals.won)} won, ${count(report.deals.lost)} lost), replayed as they stood at ${w.snapshotDates} dates from ${w.from.slice(0, 10)} to ${w.to.slice(0, 10)} (every ${w.everyDays} days): ${count(report.deals.snapshots)} snapshots scored with the current playbook.`,
      `Read ${count(facts.closedDealsRead)} closed deals in ${facts.apiCalls} API calls.`,
    ],
    aucSection(report),
    ...(detail ? [levelSection(detail), signalSection(detail), stageSection(detail)] : []),
    timingSection(report),
    suggestionSection(report),
    [`Taken as they are today (the org keeps no history of them, so they can leak the outcome): ${facts.takenAsToday.join(', ')}.`],
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
