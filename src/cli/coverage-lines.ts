import type { RunReport } from '../sync/run-report.js';

const share = (part: number, whole: number): string => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);

/**
 * The run's level distribution and what its open deals show the org records: the share with a
 * profiled contact, the share whose Mobilizer coverage was judged, the signals not assessed, and
 * each verifier's fill rate among won deals. None for reports without them (older versions).
 */
export function coverageLines(report: RunReport): string[] {
  const { byLevel, coverage } = report;
  const lines: string[] = [];
  if (byLevel) {
    const open = byLevel.High + byLevel.Medium + byLevel.Low;
    lines.push(`  Levels: ${share(byLevel.High, open)} High, ${share(byLevel.Medium, open)} Medium, ${share(byLevel.Low, open)} Low of ${open} open deals scored.`);
  }
  if (!coverage || coverage.openDeals === 0) return lines;
  const notAssessed = Object.entries(coverage.notAssessed).map(([code, n]) => `${code} on ${n}`);
  lines.push(
    `  Coverage: ${share(coverage.withProfiledContacts, coverage.openDeals)} of open deals have a profiled contact (${coverage.withProfiledContacts} of ${coverage.openDeals}); ` +
      `Mobilizer coverage judged on ${share(coverage.mobilizerAssessed, coverage.openDeals)}; not assessed: ${notAssessed.length > 0 ? notAssessed.join(', ') : 'nothing'}.`,
  );
  if (coverage.verifiers.length > 0) {
    const won = Math.max(...coverage.verifiers.map((v) => v.wonDeals));
    const rates = coverage.verifiers.map((v) => `${v.code} ${v.fillRate === null ? '—' : share(v.metDeals, v.wonDeals)}${v.calibrated ? '' : ' (uncalibrated)'}`);
    lines.push(`  Verifier fill rate among ${won} won deals: ${rates.join(', ')}.`);
  }
  return lines;
}
