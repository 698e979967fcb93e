// Thresholds from the org's evidence: STAGE_STALLED at a percentile of won deals, LOSING_PATTERN at
// the org's lose/win ratio shrunk toward the playbook's, both measured on the latest visit.
import { describe, expect, it } from 'vitest';
import { computeBenchmarks, losingRatio } from '../../../src/scoring/benchmarks.js';
import { explainAssessment } from '../../../src/scoring/explain.js';
import { percentile } from '../../../src/scoring/time.js';
import type { ClosedDealInput } from '../../../src/scoring/types.js';
import { daysAgo, healthyDeal, historyTo, NOW, playbook, scored } from './builders.js';

const STAGE = 'Negotiation/Review';
let seq = 0;
/** A deal that spent `days` in STAGE (after 2 days in Prospecting) and closed 10 days ago. */
function closed(won: boolean, days: number): ClosedDealInput {
  const history = [
    { StageName: 'Prospecting', CreatedDate: daysAgo(10 + days + 2) },
    { StageName: STAGE, CreatedDate: daysAgo(10 + days) },
    { StageName: won ? 'Closed Won' : 'Closed Lost', CreatedDate: daysAgo(10) },
  ];
  return { Id: `006T${seq++}`, StageName: history[2]!.StageName, IsClosed: true, IsWon: won, CloseDate: daysAgo(10).slice(0, 10), CreatedDate: daysAgo(10 + days + 2), history };
}
const deals = (won: boolean, days: readonly number[]) => days.map((d) => closed(won, d));
// Won deals: 1..20 days. Median 10.5, 75th percentile 15.25 (linear interpolation).
const WON = Array.from({ length: 20 }, (_, i) => i + 1);

describe('percentile', () => {
  it.each([
    [[], 75, null],
    [[7], 75, 7],
    [[1, 2, 3, 4], 50, 2.5],
    [[1, 2, 3, 4], 75, 3.25],
    [WON, 75, 15.25],
    [WON, 90, 18.1],
  ])('when the values are %j, then the %ith percentile is %s', (values, p, expected) => {
    const got = percentile(values, p);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 9);
  });
});

describe('STAGE_STALLED at a percentile of won deals', () => {
  const b = computeBenchmarks(deals(true, WON), playbook(), NOW);
  const codes = (days: number) => scored(healthyDeal(STAGE, { history: historyTo(STAGE, days) }), playbook(), b).codes;

  it('when 20 won deals spent 1 to 20 days in the stage, then it stalls from their 75th percentile, not their median', () => {
    expect(b.stages[STAGE]).toMatchObject({ source: 'org', days: 10.5, stalledDays: 15.25, stalledPercentile: 75 });
    // 15 whole days is below 15.25; 16 reaches it. The median (10.5) is no threshold any more.
    expect([codes(10), codes(11), codes(15), codes(16)]).toEqual([[], [], [], ['STAGE_STALLED']]);
  });

  it.each([
    [50, 10.5],
    [75, 15.25],
    [90, 18.1],
  ])('when the percentile is %i, then the stalled threshold is %s days', (p, days) => {
    const pb = playbook();
    pb.signals.STAGE_STALLED.percentile = p;
    expect(computeBenchmarks(deals(true, WON), pb, NOW).stages[STAGE]!.stalledDays).toBeCloseTo(days, 9);
  });

  it('when the stage has too few won deals, then it stalls at the playbook ratio × defaultDays', () => {
    const few = computeBenchmarks(deals(true, [1, 2, 3]), playbook(), NOW).stages[STAGE]!;
    expect(few).toMatchObject({ source: 'playbook', days: 30, stalledDays: 39, stalledPercentile: null });
  });

  it('when the reason is given, then it names the percentile and its days', () => {
    const a = scored(healthyDeal(STAGE, { history: historyTo(STAGE, 16) }), playbook(), b);
    expect(a.reasons).toEqual(['In Negotiation/Review for 16 days; won deals leave it in a median 10.5 days (1.5×); 75% of won deals leave it within 15.3: agree the next step.']);
  });
});

describe('LOSING_PATTERN from the org lose/win ratio, shrunk toward the playbook', () => {
  const pb = playbook();
  it.each([
    // [won samples, lost samples, org ratio, expected weight, expected used ratio]
    [9, 50, 3, 0, 1.65],
    [50, 9, 3, 0, 1.65],
    [10, 10, 3, 10 / 30, 1.65 + (3 - 1.65) / 3],
    [20, 40, 3, 0.5, 2.325],
    [180, 180, 3, 0.9, 2.865],
    [10, 10, 1.1, 10 / 30, 1.65 - 0.55 / 3],
  ])('when there are %i won and %i lost samples at an org ratio of %s, then the org weighs %s and the ratio used is %s', (won, lost, org, weight, used) => {
    const l = losingRatio(org, won, lost, pb);
    expect(l.orgWeight).toBeCloseTo(weight, 9);
    expect(l.usedRatio).toBeCloseTo(used, 9);
    expect(l.orgRatio).toBe(weight === 0 ? null : org);
    expect(l.playbookRatio).toBe(1.65);
  });

  it('when lost deals in the org take 3× as long, then the losing threshold moves with the evidence', () => {
    // 20 won deals at 10 days, 20 lost at 30: org ratio 3, weight 20 / 40, used 2.325 × 10 = 23.25 days.
    const b = computeBenchmarks([...deals(true, Array(20).fill(10)), ...deals(false, Array(20).fill(30))], pb, NOW).stages[STAGE]!;
    expect(b).toMatchObject({ days: 10, stalledDays: 10 });
    expect(b.losingDays).toBeCloseTo(23.25, 9);
    const codes = (days: number) => scored(healthyDeal(STAGE, { history: historyTo(STAGE, days) }), pb, { ...computeBenchmarks([], pb, NOW), stages: { [STAGE]: b } }).codes;
    expect([codes(9), codes(10), codes(23), codes(24)]).toEqual([[], ['STAGE_STALLED'], ['STAGE_STALLED'], ['LOSING_PATTERN']]);
  });

  it('when lost deals in the org leave faster than won ones, then the losing threshold never drops below the stalled one', () => {
    // Lost deals spend 2 days: org ratio 0.2; used 0.2 × 0.5 + 1.65 × 0.5 = 0.925 × 10 = 9.25 days < stalled 10.
    const b = computeBenchmarks([...deals(true, Array(20).fill(10)), ...deals(false, Array(20).fill(2))], pb, NOW).stages[STAGE]!;
    expect(b.losing.usedRatio).toBeCloseTo(0.925, 9);
    expect(b.losingDays).toBe(b.stalledDays);
    const a = scored(healthyDeal(STAGE, { history: historyTo(STAGE, 10) }), pb, { ...computeBenchmarks([], pb, NOW), stages: { [STAGE]: b } });
    expect(a.codes).toEqual(['LOSING_PATTERN']);
    expect(explainAssessment(a)).toContain('Losing pattern from 10 days: lose/win ratio used 0.92× (org 0.20× weighted 50%; playbook 1.65×), raised to the stalled threshold');
  });

  it('when explained, then the org figure, the playbook figure and the one used are shown', () => {
    const b = computeBenchmarks([...deals(true, Array(10).fill(10)), ...deals(false, Array(10).fill(30))], pb, NOW);
    const text = explainAssessment(scored(healthyDeal(STAGE, { history: historyTo(STAGE, 2) }), pb, b));
    expect(text).toContain('Stalled from 10 days (the 75th percentile of won deals)');
    expect(text).toContain('Losing pattern from 21 days: lose/win ratio used 2.10× (org 3.00× weighted 33%; playbook 1.65×)');
  });
});

describe('one time-in-stage measure for benchmarks and open deals', () => {
  it('when won deals visited the stage twice, then the benchmark counts their latest visit, as an open deal does', () => {
    const twice = Array.from({ length: 10 }, (_, i): ClosedDealInput => {
      const history = [
        { StageName: STAGE, CreatedDate: daysAgo(60) }, // first visit: 20 days
        { StageName: 'Proposal/Price Quote', CreatedDate: daysAgo(40) },
        { StageName: STAGE, CreatedDate: daysAgo(30) }, // latest visit: 5 days
        { StageName: 'Closed Won', CreatedDate: daysAgo(25) },
      ];
      return { Id: `006V${i}`, StageName: 'Closed Won', IsClosed: true, IsWon: true, CloseDate: daysAgo(25).slice(0, 10), CreatedDate: daysAgo(60), history };
    });
    expect(computeBenchmarks(twice, playbook(), NOW).stages[STAGE]).toMatchObject({ wonMedianDays: 5, days: 5 });
  });
});
