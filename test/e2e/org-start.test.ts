import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import jsforce from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { printedValue as line, runCli, startCli, waitForOutput } from '../support/cli.js';

function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

describe('dealrisk org start', () => {
  it('when started with 2,000 demo opportunities on port 0, then jsforce logs in with the printed credentials, reads every opportunity with roles and history, and SIGTERM stops it cleanly', async () => {
    const started = Date.now();
    child = startCli(['org', 'start', '--dataset', 'demo', '--opportunities', '2000', '--port', '0', '--as-of', '2026-03-31T12:00:00Z']);
    const exited = exitOf(child);
    const out = await waitForOutput(child, /Press Ctrl\+C to stop/, 45_000);
    const startupMs = Date.now() - started;
    const loginUrl = line(out, 'login URL');
    const myDomainUrl = line(out, 'My Domain URL');
    for (const url of [loginUrl, myDomainUrl]) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(url).not.toMatch(/:0$/);
    }
    expect(loginUrl).not.toBe(myDomainUrl);

    const conn = new jsforce.Connection({
      loginUrl,
      oauth2: { clientId: line(out, 'client id'), clientSecret: line(out, 'client secret'), loginUrl },
      version: '62.0',
    });
    await conn.login(line(out, 'username'), line(out, 'password'));
    // Logged in at the generic login host, the API is used at the My Domain.
    expect(conn.instanceUrl).toBe(myDomainUrl);
    const result = await conn.query<{
      Id: string;
      StageName: string;
      OpportunityContactRoles: { records: { ContactId: string }[] } | null;
      OpportunityHistories: { records: { StageName: string }[] } | null;
    }>(
      `SELECT Id, Name, StageName, Account.Name,
         (SELECT ContactId, Role, IsPrimary, Contact.Stakeholder_Profile__c FROM OpportunityContactRoles),
         (SELECT StageName, Amount, CloseDate, CreatedDate FROM OpportunityHistories ORDER BY CreatedDate)
       FROM Opportunity`,
      { autoFetch: true, maxFetch: 10_000 },
    );
    expect(result.totalSize).toBe(2000);
    expect(result.records).toHaveLength(2000);
    expect(new Set(result.records.map((r) => r.Id)).size).toBe(2000);
    expect(result.records.filter((r) => (r.OpportunityContactRoles?.records.length ?? 0) > 0).length).toBeGreaterThan(1000);
    expect(result.records.every((r) => (r.OpportunityHistories?.records.length ?? 0) > 0)).toBe(true);

    child.kill('SIGTERM');
    const { code } = await exited;
    expect(code).toBe(0);
    // "Starts in seconds": generous for a loaded CI machine, including tsx start-up.
    expect(startupMs).toBeLessThan(30_000);
  });

  it('when --faults is given, then the org throws them (a 503 for every call with http503=1); a bad key exits 2 naming it', async () => {
    child = startCli(['org', 'start', '--dataset', 'empty', '--port', '0', '--faults', 'http503=1']);
    const out = await waitForOutput(child, /Press Ctrl\+C to stop/, 45_000);
    expect(line(out, 'faults')).toBe('http503=1');
    const conn = new jsforce.Connection({
      loginUrl: line(out, 'login URL'),
      oauth2: { clientId: line(out, 'client id'), clientSecret: line(out, 'client secret'), loginUrl: line(out, 'login URL') },
      version: '62.0',
    });
    await conn.login(line(out, 'username'), line(out, 'password'));
    const response = await fetch(`${conn.instanceUrl}/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${conn.accessToken}` } });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual([expect.objectContaining({ errorCode: 'SERVER_UNAVAILABLE' })]);
    child.kill('SIGTERM');

    const result = await runCli(['org', 'start', '--faults', 'latency=100ms', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--faults latency: unknown fault');
  });

  it('when a flag value is bad, then it names the flag and exits 2', async () => {
    const port = await runCli(['org', 'start', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port: expected a whole number from 0 to 65535');
    const asOf = await runCli(['org', 'start', '--as-of', 'last tuesday']);
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toContain('--as-of');
    const dataset = await runCli(['org', 'start', '--dataset', 'no-such-file.json']);
    expect(dataset.code).toBe(2);
    expect(dataset.stderr).toContain('--dataset');
  });
});
