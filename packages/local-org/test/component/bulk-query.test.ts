// Bulk API 2.0 query jobs through jsforce 3.10.16: job states, CSV results paged by Sforce-Locator
// (the last page's locator is the literal `null`), the job list, abort and delete, and what Bulk
// refuses (parent-to-child subqueries) against what it serves (parent paths).
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { allResultPages, bulkCall, waitForJob } from '../support/bulk.js';
import { loggedIn, startTestOrg } from '../support/local-org.js';

let org: LocalOrg;
let conn: Connection;
beforeAll(async () => {
  org = await startTestOrg();
  conn = await loggedIn(org);
});
afterAll(async () => {
  await org.stop();
});

type JobInfo = Record<string, unknown> & { id: string; state: string };

async function createQueryJob(query: string, operation = 'query'): Promise<JobInfo> {
  return (await bulkCall<JobInfo>(conn, 'POST', '/query', { operation, query })).body;
}

const liveOpportunities = () => [...org.store.rows('Opportunity')].filter((o) => !o.IsDeleted);

describe('local org Bulk API 2.0 query jobs', () => {
  it('when a query job is created, then it starts UploadComplete and ends JobComplete with every row once across locator pages, the last locator null', async () => {
    const created = await createQueryJob('SELECT Id, Name, Amount, IsClosed, Account.Name FROM Opportunity ORDER BY Id');
    expect(created).toMatchObject({ operation: 'query', object: 'Opportunity', state: 'UploadComplete', contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF', apiVersion: 62 });
    expect(created.id).toMatch(/^750[A-Za-z0-9]{15}$/);

    const done = await waitForJob(conn, 'query', created.id);
    const expected = liveOpportunities();
    expect(done).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: expected.length, jobType: 'V2Query' });

    const { pages, locators, counts } = await allResultPages(conn, created.id, 15);
    expect(pages.map((page) => page.length)).toEqual([15, 15, expected.length - 30]);
    expect(counts).toEqual(['15', '15', String(expected.length - 30)]);
    expect(locators.at(-1)).toBe('null');
    expect(locators.slice(0, -1).every((locator) => locator !== 'null' && locator.length > 0)).toBe(true);

    const rows = pages.flat();
    const byId = new Map(expected.map((o) => [o.Id, o]));
    expect(new Set(rows.map((row) => row.Id)).size).toBe(expected.length);
    for (const row of rows) {
      const opportunity = byId.get(row.Id!)!;
      const account = org.store.byId(String(opportunity.AccountId));
      expect(row).toEqual({
        Id: opportunity.Id,
        Name: opportunity.Name,
        Amount: typeof opportunity.Amount === 'number' ? String(opportunity.Amount) : '',
        IsClosed: String(opportunity.IsClosed),
        'Account.Name': account ? String(account.Name) : '',
      });
    }
  });

  it('when a page is asked for again by its locator, then it answers the same rows', async () => {
    const { id } = await createQueryJob('SELECT Id FROM Opportunity');
    await waitForJob(conn, 'query', id);
    const first = await bulkCall<string>(conn, 'GET', `/query/${id}/results?maxRecords=10`, undefined, { csv: true });
    const locator = first.headers['sforce-locator']!;
    const again = await bulkCall<string>(conn, 'GET', `/query/${id}/results?maxRecords=10&locator=${locator}`, undefined, { csv: true });
    const twice = await bulkCall<string>(conn, 'GET', `/query/${id}/results?maxRecords=10&locator=${locator}`, undefined, { csv: true });
    expect(again.body).toBe(twice.body);
    expect(again.body).not.toBe(first.body);
    expect(first.headers['content-type']).toMatch(/^text\/csv/);
  });

  it('when a query has a parent-to-child subquery, then the job is refused at creation as Bulk 2.0 refuses it', async () => {
    const error = (await createQueryJob('SELECT Id, (SELECT Id FROM OpportunityContactRoles) FROM Opportunity').catch((e: unknown) => e)) as { errorCode: string; message: string };
    expect(error.errorCode).toBe('API_ERROR');
    expect(error.message).toBe('Aggregate Relationships not supported in Bulk V2 Query with CSV content type');
  });

  it('when a query names an unknown field, then the job is refused with the SOQL error code REST answers', async () => {
    const error = (await createQueryJob('SELECT Id, NoSuchField__c FROM Opportunity').catch((e: unknown) => e)) as { errorCode: string };
    expect(error.errorCode).toBe('INVALID_FIELD');
  });

  it('when queryAll runs, then deleted rows come back with IsDeleted true, and query leaves them out', async () => {
    const target = liveOpportunities()[0]!;
    await conn.sobject('Opportunity').destroy(target.Id);
    const soql = `SELECT Id, IsDeleted FROM Opportunity WHERE Id = '${target.Id}'`;
    const all = await createQueryJob(soql, 'queryAll');
    const live = await createQueryJob(soql, 'query');
    await waitForJob(conn, 'query', all.id);
    await waitForJob(conn, 'query', live.id);
    expect((await allResultPages(conn, all.id, 100)).pages.flat()).toEqual([{ Id: target.Id, IsDeleted: 'true' }]);
    expect((await allResultPages(conn, live.id, 100)).pages.flat()).toEqual([]);
  });

  it('when jobs exist, then the job list names them; a completed job is deleted (404 after) and a finished one cannot be aborted', async () => {
    const { id } = await createQueryJob('SELECT Id FROM Account');
    await waitForJob(conn, 'query', id);
    const list = (await bulkCall<{ done: boolean; records: JobInfo[] }>(conn, 'GET', '/query')).body;
    expect(list.done).toBe(true);
    expect(list.records.some((job) => job.id === id && job.state === 'JobComplete')).toBe(true);

    const abort = (await bulkCall(conn, 'PATCH', `/query/${id}`, { state: 'Aborted' }).catch((e: unknown) => e)) as { errorCode: string };
    expect(abort.errorCode).toBe('INVALIDJOBSTATE');

    await bulkCall(conn, 'DELETE', `/query/${id}`);
    const gone = (await bulkCall(conn, 'GET', `/query/${id}`).catch((e: unknown) => e)) as { errorCode: string };
    expect(gone.errorCode).toBe('NOT_FOUND');
  });

  it('when a query job is created, then it spends one DailyBulkV2QueryJobs and each call one API request', async () => {
    const before = (await conn.limits()) as unknown as Record<string, { Remaining: number }>;
    const used = org.apiUsage().used;
    const { id } = await createQueryJob('SELECT Id FROM Account');
    await waitForJob(conn, 'query', id);
    const after = (await conn.limits()) as unknown as Record<string, { Remaining: number }>;
    expect(after.DailyBulkV2QueryJobs!.Remaining).toBe(before.DailyBulkV2QueryJobs!.Remaining - 1);
    // create + at least one poll + the limits call
    expect(org.apiUsage().used).toBeGreaterThanOrEqual(used + 3);
  });

  it("when jsforce's own bulk2.query reads a one-page result, then it gets every row (its multi-page reader is the broken part)", async () => {
    conn.bulk2.pollInterval = 20;
    const records = (await (await conn.bulk2.query('SELECT Id, Name FROM Account')).toArray()) as { Id: string }[];
    const accounts = [...org.store.rows('Account')].filter((a) => !a.IsDeleted);
    expect(records.map((r) => r.Id).sort()).toEqual(accounts.map((a) => a.Id).sort());
  });
});
