/** Whether High came early enough on lost deals, and how often it cried wolf on won ones. */
import type { ScoredSnapshot } from './score-snapshots.js';

/** Share of eventually-lost amount that was High at least `days` days before close. */
export interface LeadTime {
  days: number;
  /** Lost deals with a snapshot at least `days` before their close (the ones that could be flagged in time). */
  lostDeals: number;
  flaggedDeals: number;
  lostAmount: number;
  flaggedAmount: number;
  /** flaggedAmount / lostAmount; null without lost amount. */
  share: number | null;
}

/** Share of eventually-won deals that were High in their last `days` days. */
export interface FalseAlarms {
  days: number;
  /** Won deals with a snapshot in their last `days` days. */
  wonDeals: number;
  highDeals: number;
  share: number | null;
}

function byDeal(snapshots: readonly ScoredSnapshot[]): Map<string, ScoredSnapshot[]> {
  const deals = new Map<string, ScoredSnapshot[]>();
  for (const s of snapshots) {
    let list = deals.get(s.dealId);
    if (!list) deals.set(s.dealId, (list = []));
    list.push(s);
  }
  return deals;
}

/** A deal's amount: the latest one among its snapshots. */
function latestAmount(snapshots: readonly ScoredSnapshot[]): number {
  let latest = snapshots[0]!;
  for (const s of snapshots) if (s.atMs > latest.atMs) latest = s;
  return latest.amount ?? 0;
}

export function leadTime(snapshots: readonly ScoredSnapshot[], days = 30): LeadTime {
  const result: LeadTime = { days, lostDeals: 0, flaggedDeals: 0, lostAmount: 0, flaggedAmount: 0, share: null };
  for (const deal of byDeal(snapshots.filter((s) => s.outcome === 'lost')).values()) {
    const early = deal.filter((s) => s.daysToClose >= days);
    if (early.length === 0) continue;
    const amount = latestAmount(deal);
    result.lostDeals++;
    result.lostAmount += amount;
    if (early.some((s) => s.level === 'High')) {
      result.flaggedDeals++;
      result.flaggedAmount += amount;
    }
  }
  result.share = result.lostAmount > 0 ? result.flaggedAmount / result.lostAmount : null;
  return result;
}

export function falseAlarms(snapshots: readonly ScoredSnapshot[], days = 30): FalseAlarms {
  const result: FalseAlarms = { days, wonDeals: 0, highDeals: 0, share: null };
  for (const deal of byDeal(snapshots.filter((s) => s.outcome === 'won')).values()) {
    const late = deal.filter((s) => s.daysToClose < days);
    if (late.length === 0) continue;
    result.wonDeals++;
    if (late.some((s) => s.level === 'High')) result.highDeals++;
  }
  result.share = result.wonDeals > 0 ? result.highDeals / result.wonDeals : null;
  return result;
}
