import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import jsforce from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { printedValue, runCli, startCli, waitForOutput } from '../support/cli.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';

let org: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (org && org.exitCode === null) org.kill('SIGKILL');
  org = undefined;
});

describe('dealrisk demo', () => {
  it('when run, then a full sync scores every open demo deal and writes them, an incremental one after a day rewrites only what changed, and no queue is left behind', async () => {
    const prefix = uniqueQueueName('demo');
    const result = await runCli(
      ['demo', '--opportunities', '300', '--seed', '3'],
      { LOG_LEVEL: 'warn', REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: prefix },
      undefined,
      120_000,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [full, incremental] = result.stdout.split('Incremental sync of what changed:');
    const scored = /scored (\d+) open deals \((\d+) High, (\d+) Medium, (\d+) Low\)\.\n {2}wrote \d+ fields on (\d+) deals/.exec(full!);
    expect(scored, result.stdout).not.toBeNull();
    const [total, high, medium, low, written] = scored!.slice(1).map(Number) as [number, number, number, number, number];
    expect(total).toBeGreaterThan(50);
    expect(high + medium + low).toBe(total);
    expect(written).toBe(total);
    expect(full).toMatch(/Tasks: [1-9]\d* opened, 0 completed\./);
    expect(full).toMatch(/Riskiest deals:\n {2}006\w{15} {2}\d+ (High|Medium|Low)/);
    expect(full).toContain('(the research says 1.65×)');
    // The report carries the level distribution and the coverage of the deals scored; a deal asks for two Tasks at most.
    expect(Number(/Tasks: (\d+) opened/.exec(full!)?.[1])).toBeLessThanOrEqual(2 * total);
    expect(full).toMatch(new RegExp(`Levels: \\d+% High, \\d+% Medium, \\d+% Low of ${total} open deals scored\\.`));
    expect(Number(/Coverage: \d+% of open deals have a profiled contact \(\d+ of (\d+)\)/.exec(full!)?.[1])).toBe(total);
    expect(full).toMatch(/Verifier fill rate among \d+ won deals: FIRST_MEETING \d+%/);
    // A day later one deal had a meeting and one was won: the incremental run plans a handful, not the org.
    const planned = Number(/planned (\d+) deals/.exec(incremental!)?.[1]);
    expect(planned).toBeGreaterThanOrEqual(2);
    // Not the org: the look-back also re-reads deals the generator dated in the ten minutes before asOf,
    // about a tenth of the open deals when it runs in business hours (UTC), none in the early morning.
    expect(planned).toBeLessThan(total / 4);
    expect(incremental).toContain('(1 closed deals cleared)');
    expect(result.stdout).not.toContain('refused');

    // The demo ran on its own queue prefix under ours and removed it afterwards.
    const redis = new RedisFixture();
    try {
      expect(await redis.connection().keys(`${prefix}*`)).toEqual([]);
    } finally {
      await redis.cleanup();
    }
  });

  it('when Redis does not answer, then it says how to get one and exits non-zero', async () => {
    const result = await runCli(['demo', '--opportunities', '10'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no Redis answers at 127.0.0.1:1');
  });
});

describe('dealrisk explain', () => {
  it('when pointed at a running local org, then it prints the breakdown of one deal read live over OAuth', async () => {
    org = startCli(['org', 'start', '--port', '0', '--dataset', 'test/fixtures/datasets/three-opportunities.json']);
    const out = await waitForOutput(org, /Press Ctrl\+C to stop/, 45_000);
    const env = {
      // Client credentials logs in at the org's My Domain; its generic login host refuses it.
      SF_LOGIN_URL: printedValue(out, 'My Domain URL'),
      SF_AUTH_FLOW: 'client_credentials',
      SF_CLIENT_ID: printedValue(out, 'client id'),
      SF_CLIENT_SECRET: printedValue(out, 'client secret'),
      LOG_LEVEL: 'warn',
    };

    const explained = await runCli(['explain', '006000000000003'], env);
    expect(explained.stderr).toBe('');
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('Opportunity 006000000000003AAA "Acme Analytics - Services Package"');
    expect(explained.stdout).toMatch(/Risk: \d+\/100 \((High|Medium|Low)\) — .*LOSING_PATTERN/);
    expect(explained.stdout).toContain('Value Proposition');

    const closed = await runCli(['explain', '006000000000001AAA'], env);
    expect(closed.code).toBe(0);
    expect(closed.stdout).toContain('Not scored');

    const missing = await runCli(['explain', '006000000000099AAA'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no Opportunity 006000000000099AAA');

    // explain only reads: the org's risk fields are untouched.
    const conn = new jsforce.Connection({ loginUrl: env.SF_LOGIN_URL, oauth2: { clientId: env.SF_CLIENT_ID, clientSecret: env.SF_CLIENT_SECRET, loginUrl: env.SF_LOGIN_URL }, version: '62.0' });
    await conn.authorize({ grant_type: 'client_credentials' });
    const rows = await conn.query<{ Deal_Risk_Score__c: number | null }>('SELECT Deal_Risk_Score__c FROM Opportunity');
    expect(rows.records.every((row) => row.Deal_Risk_Score__c === null)).toBe(true);
  });

  it('when the id is not an Opportunity id, then it says so without calling Salesforce', async () => {
    const result = await runCli(['explain', '001000000000001AAA']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not an Opportunity id');
  });
});
