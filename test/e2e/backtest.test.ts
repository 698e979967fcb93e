import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNAL_CODES } from '../../src/scoring/index.js';
import { printedValue, runCli, startCli, waitForOutput } from '../support/cli.js';

let org: ChildProcessWithoutNullStreams | undefined;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'dealrisk-backtest-'));

async function apiRequestsUsed(): Promise<number> {
  const conn = new jsforce.Connection({ loginUrl: env.SF_LOGIN_URL, oauth2: { clientId: env.SF_CLIENT_ID, clientSecret: env.SF_CLIENT_SECRET, loginUrl: env.SF_LOGIN_URL }, version: '62.0' });
  await conn.authorize({ grant_type: 'client_credentials' });
  const limits = await conn.request<{ DailyApiRequests: { Max: number; Remaining: number } }>('/services/data/v62.0/limits');
  // The /limits answer already counts itself.
  return limits.DailyApiRequests.Max - limits.DailyApiRequests.Remaining;
}

beforeAll(async () => {
  org = startCli(['org', 'start', '--port', '0', '--opportunities', '300', '--seed', '3']);
  const out = await waitForOutput(org, /Press Ctrl\+C to stop/, 45_000);
  env = {
    SF_LOGIN_URL: printedValue(out, 'My Domain URL'),
    SF_AUTH_FLOW: 'client_credentials',
    SF_CLIENT_ID: printedValue(out, 'client id'),
    SF_CLIENT_SECRET: printedValue(out, 'client secret'),
    LOG_LEVEL: 'warn',
  };
}, 60_000);

afterAll(() => {
  if (org && org.exitCode === null) org.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('dealrisk backtest', () => {
  it('when run with --json and --html against the local org, then it prints the documented report, says how many API calls it made, and writes a page that fetches nothing', async () => {
    const before = await apiRequestsUsed();
    const html = join(dir, 'backtest.html');
    const result = await runCli(['backtest', '--months', '6', '--every', '14', '--horizons', '30,60', '--json', '--html', html], env, undefined, 120_000);
    const after = await apiRequestsUsed();
    expect(result.code, result.stderr).toBe(0);

    const report = JSON.parse(result.stdout) as {
      window: { months: number; everyDays: number; snapshotDates: number };
      deals: { replayed: number; won: number; lost: number; snapshots: number };
      horizons: { days: number; score: { value: number | null; low?: number; high?: number }; probability: unknown; forecastCategory: unknown; levels: unknown; signals: { code: string }[]; stages: unknown[] }[];
      leadTime: { share: number | null };
      falseAlarms: { share: number | null };
      suggestedPoints: { signals: { code: string; playbook: number; suggested: number }[] };
      source: { closedDealsRead: number; apiCalls: number; takenAsToday: string[] };
    };
    expect(report.window).toMatchObject({ months: 6, everyDays: 14 });
    expect(report.window.snapshotDates).toBeGreaterThanOrEqual(13);
    expect(report.deals.won).toBeGreaterThan(5);
    expect(report.deals.lost).toBeGreaterThan(5);
    expect(report.horizons.map((h) => h.days)).toEqual([30, 60]);
    for (const h of report.horizons) {
      expect(h.score.value).toBeGreaterThan(0.5);
      expect(h.score.low).toBeLessThanOrEqual(h.score.value!);
      expect(h.signals.map((s) => s.code)).toEqual([...SIGNAL_CODES]);
    }
    expect(report.suggestedPoints.signals.map((s) => s.code)).toContain('LOSING_PATTERN');
    // The calls it says it made are the calls the org counted (the OAuth login is not an API call).
    expect(report.source.apiCalls).toBe(after - before - 1);
    expect(report.source.apiCalls).toBeGreaterThanOrEqual(3);
    // One describe, then query pages that count child rows (2,000 rows hold 60 or more deals with theirs).
    expect(report.source.apiCalls).toBeLessThanOrEqual(1 + Math.ceil(report.source.closedDealsRead / 60));
    expect(report.source.takenAsToday).toContain('Contact.Stakeholder_Profile__c');
    expect(result.stderr).toMatch(/backtest: replayed \d+\/\d+ dates/);

    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<svg');
    expect(page).toContain('ROC curve');
    // Self-contained: no script, stylesheet, image or font is fetched from anywhere.
    expect(page).not.toMatch(/<script|<link|<img|\b(src|href)=|url\(|@import/i);
    expect(page.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
  });

  it('when run without --json, then it prints the tables: AUC against the org\'s own fields, levels, signals, stages and suggested points', async () => {
    const result = await runCli(['backtest', '--months', '6', '--every', '14'], env, undefined, 120_000);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Backtest of \d+ closed deals \(\d+ won, \d+ lost\)/);
    expect(result.stdout).toMatch(/Read \d+ closed deals in \d+ API calls\./);
    expect(result.stdout).toMatch(/BEFORE CLOSE +DEALS +WON +LOST +DEALRISK SCORE +STAGE PROBABILITY +FORECAST CATEGORY\n30 days/);
    expect(result.stdout).toMatch(/^90 days +\d+/m);
    expect(result.stdout).toContain('Win rate per level, 30 days before close');
    expect(result.stdout).toMatch(/SIGNAL +FIRED +WON WHEN FIRED +WON WHEN NOT +LIFT/);
    expect(result.stdout).toMatch(/SIGNAL +PLAYBOOK +SUGGESTED +CHANGE/);
    expect(result.stdout).toContain('never applied');
    expect(result.stdout).toContain('Taken as they are today');
  });

  it('when a flag is not a whole number above 0, then it names the flag and exits 2 before any Salesforce call', async () => {
    const every = await runCli(['backtest', '--every', '0']);
    expect(every.code).toBe(2);
    expect(every.stderr).toContain('--every expects a whole number above 0, got "0"');
    const horizons = await runCli(['backtest', '--horizons', '30,soon']);
    expect(horizons.code).toBe(2);
    expect(horizons.stderr).toContain('--horizons expects a whole number above 0, got "soon"');
  });

  it('when Salesforce is not configured, then it says which settings to set', async () => {
    const result = await runCli(['backtest']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('set SF_AUTH_FLOW');
  });
});
