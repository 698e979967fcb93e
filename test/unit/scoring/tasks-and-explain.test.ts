import { describe, expect, it } from 'vitest';
import { assessOpportunity, taskIdentity } from '../../../src/scoring/assess.js';
import { computeBenchmarks } from '../../../src/scoring/benchmarks.js';
import { explainAssessment } from '../../../src/scoring/explain.js';
import { benchmarks, dateDaysAgo, daysAgo, healthyDeal, historyTo, NOW, playbook, role, scored } from './builders.js';

describe('task plan', () => {
  it('when a signal fires, then one task per signal is asked for, keyed by deal and code, due per template, prioritised by level', () => {
    // Prospecting requires no verifiers: NO_MOBILIZER (30) + CLOSE_DATE_PASSED (15) = 45, Medium.
    const a = scored(healthyDeal('Prospecting', { CloseDate: dateDaysAgo(2), contactRoles: [role('003G', 'Guide'), role('003F', 'Friend')] }));
    expect([a.score, a.level]).toEqual([45, 'Medium']);
    expect(a.tasks.open).toEqual([
      expect.objectContaining({ key: '006000000000001AAA:NO_MOBILIZER', code: 'NO_MOBILIZER', subject: 'Find a Mobilizer', dueDate: dateDaysAgo(-7), priority: 'Normal' }),
      expect.objectContaining({ key: '006000000000001AAA:CLOSE_DATE_PASSED', subject: 'Update the close date', dueDate: dateDaysAgo(-1), priority: 'Normal' }),
    ]);
    expect(a.tasks.open[0]!.description).toContain('Why: No Mobilizer among 2 contacts (Guide, Friend)');
  });

  it('when a signal clears, then its task is to be completed, and firing signals are not in the complete list', () => {
    const a = scored(healthyDeal('Negotiation/Review', { CloseDate: dateDaysAgo(2) }));
    const complete = a.tasks.complete;
    expect(complete).toContain('NO_MOBILIZER');
    expect(complete).toContain('LOSING_PATTERN');
    expect(complete).not.toContain('CLOSE_DATE_PASSED');
    expect(complete).not.toContain('UNKNOWN_STAGE'); // no template, nothing to complete
  });

  it('when re-scored with the same facts, then the same task keys come back (no duplicates)', () => {
    const deal = healthyDeal('Negotiation/Review', { history: historyTo('Negotiation/Review', 90) });
    const keys = (now: Date) => scored(deal, playbook(), benchmarks(playbook()), now).tasks.open.map((t) => t.key);
    expect(keys(new Date(NOW.getTime() + 3_600_000))).toEqual(keys(NOW));
    expect(new Set(keys(NOW)).size).toBe(keys(NOW).length);
  });

  it.each([1, 2, 3])('when many signals fire and tasks.maxPerDeal is %i, then only the Tasks of that many highest-point signals are asked for, and none of the others is completed', (max) => {
    const pb = playbook();
    pb.tasks.maxPerDeal = max;
    const deal = healthyDeal('Negotiation/Review', { history: historyTo('Negotiation/Review', 200), contactRoles: [role('003B', 'Blocker', 'Evaluator')], activities: [], fields: {}, CloseDate: dateDaysAgo(5) });
    const a = scored(deal, pb, benchmarks(pb));
    const templated = a.signals.filter((s) => pb.signals[s.code].task !== undefined).map((s) => s.code);
    expect(templated.length).toBeGreaterThan(3);
    expect(a.tasks.open.map((t) => t.code)).toEqual(templated.slice(0, max));
    for (const code of templated) expect(a.tasks.complete).not.toContain(code);
  });

  it('when completeWhenCleared is off, then nothing is to be completed', () => {
    const pb = playbook();
    pb.tasks.completeWhenCleared = false;
    expect(scored(healthyDeal(), pb).tasks.complete).toEqual([]);
  });

  it('when a signal has no task template, then it asks for no task', () => {
    const pb = playbook();
    delete pb.signals.CLOSE_DATE_PASSED.task;
    const a = scored(healthyDeal('Negotiation/Review', { CloseDate: dateDaysAgo(2) }), pb);
    expect(a.codes).toEqual(['CLOSE_DATE_PASSED']);
    expect(a.tasks.open).toEqual([]);
  });

  it('when given an id and a code, then the identity fits Deal_Risk_Key__c (text 120)', () => {
    expect(taskIdentity('006000000000001AAA', 'MOBILIZER_DISENGAGED')).toBe('006000000000001AAA:MOBILIZER_DISENGAGED');
    expect(taskIdentity('006000000000001AAA', 'MOBILIZER_DISENGAGED').length).toBeLessThanOrEqual(120);
  });
});

describe('explainAssessment', () => {
  it('when a risky deal is explained, then facts, points per signal, verifiers with evidence, benchmark source and tasks are all printed', () => {
    const pb = playbook();
    const a = scored(
      healthyDeal('Proposal/Price Quote', {
        history: historyTo('Proposal/Price Quote', 48),
        contactRoles: [role('003G', 'Guide', 'Economic Buyer', 'Gus Guide'), role('003B', 'Blocker', 'Evaluator', 'Bea Blocker')],
        fields: { Proposal_Reviewed_Date__c: '2026-06-01' },
      }),
      pb,
    );
    const text = explainAssessment(a);
    expect(text).toContain(`Risk: ${a.score}/100 (${a.level}) — ${a.codesText}`);
    expect(text).toContain('Entered stage: 2026-04-28 (from history), 48 days ago');
    expect(text).toContain('Gus Guide (003G): Guide → talker; roles Economic Buyer');
    for (const s of a.signals) expect(text).toContain(`+${s.points} ${s.code}: ${s.reason}`);
    expect(text).toContain('[met] PROPOSAL_REVIEWED: the customer reviewed the proposal (from Proposal/Price Quote) — evidence: Proposal_Reviewed_Date__c=2026-06-01');
    expect(text).toContain('[MISSING] SUCCESS_CRITERIA_AGREED');
    expect(text).toContain('Proposal/Price Quote: 21 days, playbook default (only 0 won deals in the window)');
    expect(text).toContain('open 006000000000001AAA:LOSING_PATTERN: "Requalify this deal or close it"');
    expect(text).toContain('complete if open 006000000000001AAA:STAGE_STALLED');
  });

  it('when the benchmark comes from the org, then the explanation says so with the sample size and the lose/win ratio', () => {
    const pb = playbook();
    const won = Array.from({ length: 12 }, (_, i) => ({
      Id: `006W${i}`,
      StageName: 'Closed Won',
      IsClosed: true,
      IsWon: true,
      CloseDate: dateDaysAgo(5),
      CreatedDate: daysAgo(20),
      history: [
        { StageName: 'Negotiation/Review', CreatedDate: daysAgo(15) },
        { StageName: 'Closed Won', CreatedDate: daysAgo(5) },
      ],
    }));
    const lost = won.slice(0, 4).map((d) => ({ ...d, IsWon: false, StageName: 'Closed Lost', history: [d.history[0]!, { StageName: 'Closed Lost', CreatedDate: daysAgo(-1.5) }] }));
    // Lost deals close 1.5 days after NOW here, which is outside the window: only won deals count.
    const b = computeBenchmarks([...won, ...lost], pb, NOW);
    const text = explainAssessment(scored(healthyDeal('Negotiation/Review'), pb, b));
    expect(text).toContain("Negotiation/Review: 10 days, from the org's data: median of 12 won deals; no lost deals to compare");
    expect(text).toContain("Benchmark: 10 days (org's won deals)");
    expect(text).toContain('Signals\n  none: no risk found');
  });

  it('when the deal is closed, then the explanation says it is not scored', () => {
    const pb = playbook();
    const text = explainAssessment(assessOpportunity(healthyDeal('Closed Won', { IsClosed: true, IsWon: true }), pb, benchmarks(pb), NOW));
    expect(text).toContain("Not scored: Closed deals are not scored (stage 'Closed Won').");
  });

  it('when the stage is unknown, then the explanation says verifiers and benchmark were not checked', () => {
    const text = explainAssessment(scored(healthyDeal('Pilot')));
    expect(text).toContain('Stage: Pilot (not in the playbook)');
    expect(text).toContain('not checked (stage not in the playbook)');
    expect(text).toContain('none (stage not in the playbook)');
  });
});
