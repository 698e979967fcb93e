import { describe, expect, it } from 'vitest';
import { bootstrapAuc, rocAuc, rocCurve, type Labelled } from '../../../../src/scoring/backtest/auc.js';
import { labelledByDeal } from '../../../../src/scoring/backtest/baselines.js';
import { atHorizon } from '../../../../src/scoring/backtest/horizons.js';
import { fitLogistic } from '../../../../src/scoring/backtest/logistic.js';
import { falseAlarms, leadTime } from '../../../../src/scoring/backtest/timing.js';
import { levelWinRates, signalLifts } from '../../../../src/scoring/backtest/win-rates.js';
import { snap } from './snapshots.js';

const lost = (score: number): Labelled => ({ score, lost: true });
const won = (score: number): Labelled => ({ score, lost: false });

describe('ROC AUC', () => {
  it('when lost deals score 3 and 5 and won deals 1 and 4, then 3 of the 4 lost–won pairs are ordered: AUC 0.75', () => {
    expect(rocAuc([lost(3), lost(5), won(1), won(4)])).toBe(0.75);
  });

  it('when scores tie across classes, then each tied pair counts half', () => {
    // Pairs (lost, won): (2,2) ½, (2,1) 1, (2,2) ½, (2,1) 1 → 3/4.
    expect(rocAuc([lost(2), lost(2), won(2), won(1)])).toBe(0.75);
    expect(rocAuc([lost(7), lost(7), won(7)])).toBe(0.5);
  });

  it('when every lost deal outscores every won one, then AUC is 1, and 0 the other way round', () => {
    expect(rocAuc([lost(9), lost(8), won(1), won(0)])).toBe(1);
    expect(rocAuc([lost(0), won(5)])).toBe(0);
  });

  it('when the deals are all won (or all lost), then there is no AUC and the reason says how many of each there were', () => {
    expect(rocAuc([won(1), won(2)])).toBeNull();
    const estimate = bootstrapAuc([[won(1)], [won(2)], [won(3)]]);
    expect(estimate).toEqual({ value: null, reason: 'AUC needs both won and lost deals; got 3 won and 0 lost', won: 3, lost: 0 });
    expect(rocCurve([lost(1)])).toEqual([]);
  });

  it('when the ranking is perfect, then every bootstrap resample agrees: the interval is [1, 1]', () => {
    const groups = [[lost(9)], [lost(8)], [won(1)], [won(0)], [lost(7)], [won(2)]];
    expect(bootstrapAuc(groups, 200)).toMatchObject({ value: 1, low: 1, high: 1, won: 3, lost: 3 });
  });

  it('when resampled twice with the same seed, then the interval is the same, and it holds the AUC', () => {
    const groups = [[lost(3)], [lost(5)], [won(1)], [won(4)], [lost(2)], [won(2)], [lost(6), lost(1)]];
    const first = bootstrapAuc(groups, 300, 7);
    expect(bootstrapAuc(groups, 300, 7)).toEqual(first);
    if (first.value === null) throw new Error('expected an AUC');
    expect(first.low).toBeLessThanOrEqual(first.value);
    expect(first.high).toBeGreaterThanOrEqual(first.value);
  });

  it('when drawn as a curve, then it steps from (0,0) to (1,1) one distinct score at a time, highest first', () => {
    expect(rocCurve([lost(3), lost(5), won(1), won(4)]).map(({ fpr, tpr }) => [fpr, tpr])).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
  });
});

describe('baselines from the org\'s own fields', () => {
  it('when Probability and the forecast category are read as risks, then lower probability and a category further from Commit rank riskier; empty ones are left out', () => {
    const snapshots = [
      snap('a', 'lost', { probability: 10, forecastCategory: 'Pipeline' }),
      snap('b', 'won', { probability: 90, forecastCategory: 'Forecast' }),
      snap('c', 'won', { probability: null, forecastCategory: 'BestCase' }),
    ];
    expect(labelledByDeal(snapshots, 'probability')).toEqual([[{ score: 90, lost: true }], [{ score: 10, lost: false }]]);
    expect(labelledByDeal(snapshots, 'forecastCategory')).toEqual([[{ score: 2, lost: true }], [{ score: 0, lost: false }], [{ score: 1, lost: false }]]);
  });
});

describe('win rates', () => {
  it('when deals are grouped by level, then each level has its win rate by count and by amount, and High-vs-Low divides the two', () => {
    const rates = levelWinRates([
      snap('h1', 'lost', { level: 'High', amount: 3000 }),
      snap('h2', 'lost', { level: 'High', amount: 1000 }),
      snap('h3', 'won', { level: 'High', amount: 1000 }),
      snap('l1', 'won', { level: 'Low', amount: 4000 }),
      snap('l2', 'lost', { level: 'Low', amount: 1000 }),
    ]);
    expect(rates.levels.High).toEqual({ deals: 3, won: 1, winRate: 1 / 3, amount: 5000, wonAmount: 1000, amountWinRate: 0.2 });
    expect(rates.levels.Low).toMatchObject({ deals: 2, won: 1, winRate: 0.5, amountWinRate: 0.8 });
    expect(rates.levels.Medium).toMatchObject({ deals: 0, winRate: null, amountWinRate: null });
    expect(rates.highVsLow).toBeCloseTo(2 / 3, 12);
  });

  it('when a signal fires on 2 of 4 deals, both lost, then its win rate is 0 fired and 1 not fired, and its lift is the loss rate 1 over the base 0.5', () => {
    const lifts = signalLifts([
      snap('a', 'lost', { points: { NO_MOBILIZER: 30 } }),
      snap('b', 'lost', { points: { NO_MOBILIZER: 30, SINGLE_THREADED: 10 } }),
      snap('c', 'won', { points: { SINGLE_THREADED: 10 } }),
      snap('d', 'won'),
    ]);
    expect(lifts.find((l) => l.code === 'NO_MOBILIZER')).toEqual({ code: 'NO_MOBILIZER', fired: 2, firedWon: 0, notFired: 2, notFiredWon: 2, winRateFired: 0, winRateNotFired: 1, lift: 2 });
    expect(lifts.find((l) => l.code === 'SINGLE_THREADED')).toMatchObject({ fired: 2, firedWon: 1, winRateFired: 0.5, lift: 1 });
    expect(lifts.find((l) => l.code === 'CLOSE_DATE_PASSED')).toMatchObject({ fired: 0, winRateFired: null, lift: null });
  });
});

describe('lead time and false alarms', () => {
  it('when one of two lost deals was High 30+ days before close, then the share of lost amount flagged in time is its amount over both', () => {
    const result = leadTime([
      snap('a', 'lost', { level: 'High', daysToClose: 45, amount: 3000, atMs: 1 }),
      snap('a', 'lost', { level: 'High', daysToClose: 10, amount: 3000, atMs: 2 }),
      // High only in the last 30 days: too late.
      snap('b', 'lost', { level: 'Low', daysToClose: 40, amount: 1000, atMs: 1 }),
      snap('b', 'lost', { level: 'High', daysToClose: 5, amount: 1000, atMs: 2 }),
      // Never seen 30 days out: it could not have been flagged in time, so it is not counted.
      snap('c', 'lost', { level: 'High', daysToClose: 12, amount: 9000 }),
      snap('d', 'won', { level: 'High', daysToClose: 50 }),
    ]);
    expect(result).toEqual({ days: 30, lostDeals: 2, flaggedDeals: 1, lostAmount: 4000, flaggedAmount: 3000, share: 0.75 });
  });

  it('when one of two won deals was High in its last 30 days, then false alarms are one half', () => {
    const result = falseAlarms([
      snap('a', 'won', { level: 'High', daysToClose: 20 }),
      snap('b', 'won', { level: 'High', daysToClose: 60 }),
      snap('b', 'won', { level: 'Medium', daysToClose: 25 }),
      snap('c', 'won', { level: 'High', daysToClose: 45 }),
      snap('d', 'lost', { level: 'High', daysToClose: 3 }),
    ]);
    expect(result).toEqual({ days: 30, wonDeals: 2, highDeals: 1, share: 0.5 });
  });
});

describe('horizons', () => {
  it('when a deal has snapshots 44, 37, 30 and 23 days before close, then at horizon 30 it is seen at 30, at 40 at 44, and at 90 not at all', () => {
    const snapshots = [44, 37, 30, 23].map((d) => snap('a', 'won', { daysToClose: d }));
    expect(atHorizon(snapshots, 30, 7).map((s) => s.daysToClose)).toEqual([30]);
    expect(atHorizon(snapshots, 40, 7).map((s) => s.daysToClose)).toEqual([44]);
    expect(atHorizon(snapshots, 90, 7)).toEqual([]);
  });
});

describe('logistic regression', () => {
  it('when 1 of 4 equal rows is positive and the coefficient is pinned by its prior, then the intercept is the log-odds ln(1/3)', () => {
    const rows = [
      { x: [0], y: 1 as const, weight: 1 },
      { x: [0], y: 0 as const, weight: 3 },
    ];
    const fit = fitLogistic(rows, { mean: [0], precision: [1e6] });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(1 / 3), 9);
  });

  it('when a feature doubles the odds exactly and the prior is negligible, then its coefficient is ln 2', () => {
    // Without the feature: odds 1/2; with it: odds 2/2.
    const rows = [
      { x: [0], y: 1 as const, weight: 1 },
      { x: [0], y: 0 as const, weight: 2 },
      { x: [1], y: 1 as const, weight: 2 },
      { x: [1], y: 0 as const, weight: 2 },
    ];
    const fit = fitLogistic(rows, { mean: [0], precision: [1e-9] });
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(2), 6);
    expect(fit.intercept).toBeCloseTo(Math.log(1 / 2), 6);
  });
});
