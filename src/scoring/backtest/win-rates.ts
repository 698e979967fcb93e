/** Win rates per risk level and per signal: does a higher level, or a fired signal, mean fewer wins? */
import { SIGNAL_CODES, type RiskLevel, type SignalCode } from '../index.js';
import type { ScoredSnapshot } from './score-snapshots.js';

/** Deals and wins of one group, by count and by amount. */
export interface WinRate {
  deals: number;
  won: number;
  /** won / deals; null without deals. */
  winRate: number | null;
  amount: number;
  wonAmount: number;
  /** wonAmount / amount; null without amount. */
  amountWinRate: number | null;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function winRate(snapshots: readonly ScoredSnapshot[]): WinRate {
  let won = 0;
  let amount = 0;
  let wonAmount = 0;
  for (const s of snapshots) {
    const value = s.amount ?? 0;
    amount += value;
    if (s.outcome === 'won') {
      won++;
      wonAmount += value;
    }
  }
  return { deals: snapshots.length, won, winRate: ratio(won, snapshots.length), amount, wonAmount, amountWinRate: ratio(wonAmount, amount) };
}

export interface LevelWinRates {
  levels: Record<RiskLevel, WinRate>;
  /** Win rate of High deals ÷ win rate of Low deals: well below 1 when the levels mean something; null when either is missing or Low never won. */
  highVsLow: number | null;
}

export function levelWinRates(snapshots: readonly ScoredSnapshot[]): LevelWinRates {
  const of = (level: RiskLevel) => winRate(snapshots.filter((s) => s.level === level));
  const levels = { High: of('High'), Medium: of('Medium'), Low: of('Low') };
  const high = levels.High.winRate;
  const low = levels.Low.winRate;
  return { levels, highVsLow: high === null || low === null || low === 0 ? null : high / low };
}

/** How one signal did: how often it fired, the win rate with and without it, and its lift. */
export interface SignalLift {
  code: SignalCode;
  fired: number;
  firedWon: number;
  notFired: number;
  notFiredWon: number;
  winRateFired: number | null;
  winRateNotFired: number | null;
  /** Loss rate when it fired ÷ loss rate of all deals: above 1 when the signal finds losers. */
  lift: number | null;
}

export function signalLifts(snapshots: readonly ScoredSnapshot[]): SignalLift[] {
  const lostAll = snapshots.filter((s) => s.outcome === 'lost').length;
  const baseLossRate = ratio(lostAll, snapshots.length);
  return SIGNAL_CODES.map((code) => {
    let fired = 0;
    let firedWon = 0;
    let notFiredWon = 0;
    for (const s of snapshots) {
      const won = s.outcome === 'won' ? 1 : 0;
      if (s.points[code] !== undefined) {
        fired++;
        firedWon += won;
      } else notFiredWon += won;
    }
    const notFired = snapshots.length - fired;
    const lossRateFired = ratio(fired - firedWon, fired);
    return {
      code,
      fired,
      firedWon,
      notFired,
      notFiredWon,
      winRateFired: ratio(firedWon, fired),
      winRateNotFired: ratio(notFiredWon, notFired),
      lift: lossRateFired === null || baseLossRate === null || baseLossRate === 0 ? null : lossRateFired / baseLossRate,
    };
  });
}
