// The Salesforce CLI (2.138.0) as a second real client of the local org: a client no one here
// wrote, so the org and dealrisk cannot quietly agree on something Salesforce would refuse.
// Opt-in: npm run test:sf-cli (installs the CLI once, about 300 MB).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, startTestOrg } from '../support/local-org.js';

const SF = fileURLToPath(new URL('node_modules/.bin/sf', import.meta.url));

let org: LocalOrg;
let conn: Connection;
let home: string;

interface SfResult {
  code: number;
  json: { status: number; result?: unknown; name?: string; message?: string };
}

/** Runs `sf <args> --json` isolated from the machine's own CLI set-up (HOME, telemetry, updates). */
function sf(args: string[], env: Record<string, string> = {}): Promise<SfResult> {
  return new Promise((resolve) => {
    execFile(
      SF,
      [...args, '--json'],
      {
        env: { ...process.env, HOME: home, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true', SF_SKIP_NEW_VERSION_CHECK: 'true', ...env },
        timeout: 150_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, json: JSON.parse(stdout) as SfResult['json'] });
      },
    );
  });
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'local-org-sf-cli-'));
  org = await startTestOrg({ opportunities: 2000 });
  conn = await loggedIn(org);
  const login = await sf(['org', 'login', 'access-token', '--instance-url', org.instanceUrl, '--no-prompt', '--alias', 'local'], { SF_ACCESS_TOKEN: conn.accessToken! });
  expect(login.json.status).toBe(0);
});
afterAll(async () => {
  await org?.stop();
  rmSync(home, { recursive: true, force: true });
});

const openOpportunities = () => [...org.store.rows('Opportunity')].filter((o) => !o.IsDeleted && !o.IsClosed);

describe('the Salesforce CLI against the local org', () => {
  it('sf data query: a small result, and a result of 5,000+ rows paged through nextRecordsUrl, each row once', async () => {
    const small = await sf(['data', 'query', '-o', 'local', '-q', 'SELECT Id, Name FROM Account ORDER BY Name LIMIT 3']);
    const smallResult = small.json.result as { totalSize: number; records: { Name: string }[] };
    expect(smallResult.totalSize).toBe(3);
    const expected = await conn.query<{ Name: string }>('SELECT Id, Name FROM Account ORDER BY Name LIMIT 3');
    expect(smallResult.records.map((r) => r.Name)).toEqual(expected.records.map((r) => r.Name));

    const large = await sf(['data', 'query', '-o', 'local', '-q', 'SELECT Id, Subject FROM Task']);
    const largeResult = large.json.result as { totalSize: number; done: boolean; records: { Id: string }[] };
    expect(largeResult.totalSize).toBeGreaterThan(5000);
    expect(largeResult.records).toHaveLength(largeResult.totalSize);
    expect(new Set(largeResult.records.map((r) => r.Id)).size).toBe(largeResult.totalSize);
    expect(largeResult.totalSize).toBe((await conn.query('SELECT COUNT() FROM Task')).totalSize);
  });

  it('sf sobject describe, sf data get record and sf data update record', async () => {
    const describe = await sf(['sobject', 'describe', '-o', 'local', '-s', 'Opportunity']);
    const fields = (describe.json.result as { name: string; fields: { name: string }[] });
    expect(fields.name).toBe('Opportunity');
    expect(fields.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['StageName', 'Deal_Risk_Score__c']));

    const target = openOpportunities()[0]!;
    const got = await sf(['data', 'get', 'record', '-o', 'local', '-s', 'Opportunity', '-i', target.Id]);
    expect(got.json.result).toMatchObject({ Id: target.Id, Name: target.Name, StageName: target.StageName });

    const updated = await sf(['data', 'update', 'record', '-o', 'local', '-s', 'Opportunity', '-i', target.Id, '-v', "Description='Set by the Salesforce CLI'"]);
    expect(updated.json.status).toBe(0);
    expect(org.store.retrieve('Opportunity', target.Id)!.Description).toBe('Set by the Salesforce CLI');
  });

  it('sf org list limits', async () => {
    const limits = await sf(['org', 'list', 'limits', '-o', 'local']);
    const rows = limits.json.result as { name: string; max: number; remaining: number }[];
    expect(rows.find((r) => r.name === 'DailyApiRequests')).toMatchObject({ max: 100_000 });
    expect(rows.find((r) => r.name === 'DailyBulkV2QueryJobs')).toMatchObject({ max: 10_000 });
  });

  it('sf data export bulk writes every opportunity to a CSV file through a Bulk API 2.0 query job', async () => {
    const file = join(home, 'opportunities.csv');
    const exported = await sf(['data', 'export', 'bulk', '-o', 'local', '-q', 'SELECT Id, Name, Account.Name FROM Opportunity', '--output-file', file, '--result-format', 'csv', '--wait', '5']);
    expect(exported.json.status).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('"Id","Name","Account.Name"');
    const live = [...org.store.rows('Opportunity')].filter((o) => !o.IsDeleted);
    expect(lines).toHaveLength(live.length + 1);
    expect((exported.json.result as { totalSize: number }).totalSize).toBe(live.length);
  });

  it('sf data update bulk updates the good rows and reports the one bad row', async () => {
    const [a, b] = openOpportunities();
    const file = join(home, 'updates.csv');
    writeFileSync(file, `Id,Description\n${a!.Id},Bulk one\n${b!.Id},Bulk two\n00600000000zzzzAAA,No such deal\n`);
    const result = await sf(['data', 'update', 'bulk', '-o', 'local', '-s', 'Opportunity', '--file', file, '--wait', '5']);
    expect(result.code).toBe(1);
    expect(result.json.name).toBe('FailedRecordDetailsError');
    expect(result.json.message).toContain('failed to process 1 records');
    expect(org.store.retrieve('Opportunity', a!.Id)!.Description).toBe('Bulk one');
    expect(org.store.retrieve('Opportunity', b!.Id)!.Description).toBe('Bulk two');
  });
});
