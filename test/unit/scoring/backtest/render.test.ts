import { describe, expect, it } from 'vitest';
import { formatBacktestHtml } from '../../../../src/scoring/backtest/render-html.js';
import { formatBacktestReport } from '../../../../src/scoring/backtest/render-text.js';
import { buildBacktestReport } from '../../../../src/scoring/backtest/report.js';
import { playbook } from '../builders.js';
import { snap } from './snapshots.js';

const facts = { closedDealsRead: 3, apiCalls: 2, takenAsToday: ['Contact.Stakeholder_Profile__c'] };
const options = { months: 12, everyDays: 7, horizons: [30], dates: [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-01-08T00:00:00Z')], rounds: 50 };

describe('the backtest report as text and HTML', () => {
  it('when there are no closed deals, then the report still prints and says why there is no AUC', () => {
    const text = formatBacktestReport(buildBacktestReport([], playbook(), options), facts);
    expect(text).toContain('Backtest of 0 closed deals (0 won, 0 lost)');
    expect(text).toContain('30 days: AUC needs both won and lost deals; got 0 won and 0 lost');
    expect(text).toContain('Lead time: — of eventually-lost amount');
    expect(text).toContain('The suggestion keeps every playbook point.');
  });

  it('when deals are all won, then the AUC column says n/a and the reason names the counts', () => {
    const snapshots = [snap('a', 'won', { daysToClose: 31, score: 20 }), snap('b', 'won', { daysToClose: 32, score: 50 })];
    const text = formatBacktestReport(buildBacktestReport(snapshots, playbook(), options), facts);
    expect(text).toMatch(/^30 days +2 +2 +0 +n\/a/m);
    expect(text).toContain('got 2 won and 0 lost');
  });

  it('when a signal carries the losses, then the suggestion is printed as a playbook diff of its points', () => {
    const snapshots = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0 ? snap(`l${i}`, 'lost', { daysToClose: 30, score: 10, points: { SINGLE_THREADED: 10 } }) : snap(`w${i}`, 'won', { daysToClose: 30, score: 0 }),
    );
    const text = formatBacktestReport(buildBacktestReport(snapshots, playbook(), options), facts);
    expect(text).toMatch(/ signals:\n {3}SINGLE_THREADED:\n- {4}points: 10\n\+ {4}points: \d+/);
    expect(text).toContain('Taken as they are today (the org keeps no history of them, so they can leak the outcome): Contact.Stakeholder_Profile__c.');
  });

  it('when rendered as HTML, then names are escaped and the page carries its charts inline', () => {
    const pb = playbook();
    const snapshots = [snap('a', 'lost', { daysToClose: 30, score: 60, stage: '<Closing & Co>' }), snap('b', 'won', { daysToClose: 30, score: 10, stage: '<Closing & Co>' })];
    const page = formatBacktestHtml(buildBacktestReport(snapshots, pb, options), facts);
    expect(page).toContain('&lt;Closing &amp; Co&gt;');
    expect(page).not.toContain('<Closing');
    expect(page.match(/<svg /g)).toHaveLength(2);
  });
});
