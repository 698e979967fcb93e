import { describe, expect, it } from 'vitest';
import { computeBenchmarks } from '../../../src/scoring/benchmarks.js';
import type { ClosedDealInput } from '../../../src/scoring/types.js';
import { daysAgo, NOW, playbook } from './builders.js';

let seq = 0;
/** A closed deal that spent `stageDays[i]` days in each listed stage, in order, and closed `closedAgo` days before NOW. */
function closedDeal(won: boolean, stageDays: [string, number][], closedAgo = 10): ClosedDealInput {
  const total = stageDays.reduce((sum, [, d]) => sum + d, 0);
  let at = closedAgo + total;
  const history = stageDays.map(([stage, days]) => {
    const row = { StageName: stage, CreatedDate: daysAgo(at) };
    at -= days;
    return row;
  });
  history.push({ StageName: won ? 'Closed Won' : 'Closed Lost', CreatedDate: daysAgo(closedAgo) });
  return { Id: `006${seq++}`, StageName: won ? 'Closed Won' : 'Closed Lost', IsClosed: true, IsWon: won, CloseDate: daysAgo(closedAgo).slice(0, 10), CreatedDate: daysAgo(closedAgo + total), history };
}

const many = (n: number, won: boolean, days: (i: number) => [string, number][]) => Array.from({ length: n }, (_, i) => closedDeal(won, days(i)));

describe('computeBenchmarks', () => {
  it.each([
    [9, 'playbook', 21],
    [10, 'org', 10],
    [11, 'org', 10],
  ] as const)('when %i won deals passed through a stage, then its benchmark comes from the %s (%s days)', (n, source, days) => {
    // Won deals spent 9, 10 or 11 days in Proposal/Price Quote: a median of 10 whatever n is.
    const deals = many(n, true, (i) => [['Qualification', 3], ['Proposal/Price Quote', 9 + (i % 3)]]);
    const b = computeBenchmarks(deals, playbook(), NOW).stages['Proposal/Price Quote']!;
    expect(b.source).toBe(source);
    expect(b.wonSamples).toBe(n);
    expect(b.days).toBeCloseTo(days, 9);
  });

  it('when minSample is tuned down, then fewer won deals make an org benchmark', () => {
    const pb = playbook();
    pb.benchmarks.minSample = 3;
    const b = computeBenchmarks(many(3, true, () => [['Qualification', 4]]), pb, NOW).stages.Qualification!;
    expect(b).toMatchObject({ source: 'org', days: 4, wonSamples: 3 });
  });

  it('when won and lost deals close in the window, then both medians and the lose/win ratio are reported', () => {
    const deals = [
      ...many(10, true, (i) => [['Negotiation/Review', 10 + (i % 2) * 2]]),
      ...many(5, false, () => [['Negotiation/Review', 18]]),
    ];
    const b = computeBenchmarks(deals, playbook(), NOW);
    expect(b.stages['Negotiation/Review']).toMatchObject({ wonMedianDays: 11, lostMedianDays: 18, lostSamples: 5, source: 'org', days: 11 });
    expect(b.stages['Negotiation/Review']!.loseWinRatio).toBeCloseTo(18 / 11, 9);
    expect(b.cycle).toMatchObject({ wonDeals: 10, lostDeals: 5, wonMedianDays: 11, lostMedianDays: 18 });
  });

  it('when deals closed more than windowDays ago or are still open, then they are left out', () => {
    const old = Array.from({ length: 10 }, () => closedDeal(true, [['Qualification', 2]], 366));
    const recentButOpen = Array.from({ length: 10 }, () => ({ ...closedDeal(true, [['Qualification', 2]]), IsClosed: false }));
    const edge = Array.from({ length: 10 }, () => closedDeal(true, [['Qualification', 5]], 365));
    const b = computeBenchmarks([...old, ...recentButOpen, ...edge], playbook(), NOW).stages.Qualification!;
    expect(b).toMatchObject({ wonSamples: 10, wonMedianDays: 5, source: 'org' });
  });

  it('when a won deal skipped a stage, then it is no sample for that stage', () => {
    const b = computeBenchmarks(many(10, true, () => [['Prospecting', 2], ['Negotiation/Review', 9]]), playbook(), NOW);
    expect(b.stages['Needs Analysis']).toMatchObject({ wonSamples: 0, source: 'playbook', days: 21, wonMedianDays: null, loseWinRatio: null });
    expect(b.stages.Prospecting).toMatchObject({ wonSamples: 10, days: 2 });
  });

  it('when won deals pass a stage within hours, then the org median is raised to minDays', () => {
    const b = computeBenchmarks(many(10, true, () => [['Prospecting', 0.1], ['Qualification', 5]]), playbook(), NOW).stages.Prospecting!;
    expect(b.wonMedianDays).toBeCloseTo(0.1, 9);
    expect(b.days).toBe(1);
  });

  it('when deals have no history or stages outside the playbook, then they add no samples and nothing breaks', () => {
    const noHistory: ClosedDealInput = { Id: '006x', StageName: 'Closed Won', IsClosed: true, IsWon: true, CloseDate: '2026-06-01', CreatedDate: '2026-05-01T00:00:00.000Z', history: [] };
    const b = computeBenchmarks([noHistory, ...many(10, true, () => [['Pilot', 7]])], playbook(), NOW);
    expect(Object.keys(b.stages)).not.toContain('Pilot');
    expect(Object.values(b.stages).every((s) => s.source === 'playbook')).toBe(true);
    expect(b.cycle.wonDeals).toBe(11);
  });

  it('when benchmarks go through JSON (a cache), then they come back equal', () => {
    const b = computeBenchmarks(many(12, true, (i) => [['Qualification', 3 + i]]), playbook(), NOW);
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });
});
