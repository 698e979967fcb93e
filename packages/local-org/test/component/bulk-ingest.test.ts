// Bulk API 2.0 ingest jobs through jsforce 3.10.16: create, one CSV upload, UploadComplete, the
// job's counts, and the successful, failed and unprocessed records — each row written as a REST
// write is, so a bad row fails with the REST error code.
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { bulkCall, csvRecords, waitForJob } from '../support/bulk.js';
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

/** Creates an ingest job, uploads `csv`, closes it and waits for the run. */
async function runIngest(job: Record<string, unknown>, csv: string): Promise<JobInfo> {
  const created = (await bulkCall<JobInfo>(conn, 'POST', '/ingest', job)).body;
  expect(created.state).toBe('Open');
  await bulkCall(conn, 'PUT', `/ingest/${created.id}/batches`, csv);
  const closed = (await bulkCall<JobInfo>(conn, 'PATCH', `/ingest/${created.id}`, { state: 'UploadComplete' })).body;
  expect(closed.state).toBe('UploadComplete');
  return (await waitForJob(conn, 'ingest', created.id)) as JobInfo;
}

const openOpportunities = () => [...org.store.rows('Opportunity')].filter((o) => !o.IsDeleted && !o.IsClosed);

describe('local org Bulk API 2.0 ingest jobs', () => {
  it('when an update job has one row with a stage the org does not have, then that row alone fails with the REST error code and the others are saved', async () => {
    const [a, b, c] = openOpportunities();
    const csv = ['Id,Description,StageName', `${a!.Id},"Bulk, updated",`, `${b!.Id},#N/A,Not A Stage`, `${c!.Id},"Second line\n""quoted""",`].join('\n') + '\n';
    const job = await runIngest({ object: 'Opportunity', operation: 'update' }, csv);
    expect(job).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 3, numberRecordsFailed: 1, operation: 'update', object: 'Opportunity' });

    const successful = await csvRecords(conn, `/ingest/${job.id}/successfulResults`);
    expect(successful.map((r) => [r.sf__Id, r.sf__Created, r.Description])).toEqual([
      [a!.Id, 'false', 'Bulk, updated'],
      [c!.Id, 'false', 'Second line\n"quoted"'],
    ]);
    const failed = await csvRecords(conn, `/ingest/${job.id}/failedResults`);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.sf__Id).toBe(b!.Id);
    expect(failed[0]!.sf__Error).toMatch(/^INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:.*Not A Stage/);
    expect(failed[0]!.StageName).toBe('Not A Stage');

    expect(org.store.retrieve('Opportunity', a!.Id)!.Description).toBe('Bulk, updated');
    expect(org.store.retrieve('Opportunity', c!.Id)!.Description).toBe('Second line\n"quoted"');
    expect(org.store.retrieve('Opportunity', b!.Id)!.StageName).toBe(b!.StageName);
    expect(await csvRecords(conn, `/ingest/${job.id}/unprocessedrecords`)).toEqual([]);
  });

  it('when a row sets #N/A, then the field is cleared (an empty value leaves it as it was)', async () => {
    const [a] = openOpportunities();
    await conn.sobject('Opportunity').update({ Id: a!.Id, Description: 'to clear', NextStep: 'keep me' });
    const job = await runIngest({ object: 'Opportunity', operation: 'update' }, `Id,Description,NextStep\n${a!.Id},#N/A,\n`);
    expect(job.numberRecordsFailed).toBe(0);
    const saved = org.store.retrieve('Opportunity', a!.Id)!;
    expect(saved.Description).toBeNull();
    expect(saved.NextStep).toBe('keep me');
  });

  it('when an upsert job keys Tasks by an external id, then new keys create, known keys update, and a bad date fails its row with the REST code', async () => {
    const whatId = openOpportunities()[0]!.Id;
    await conn.sobject('Task').create({ Subject: 'Existing', Deal_Risk_Key__c: 'bulk-known', WhatId: whatId });
    const csv = [
      'Deal_Risk_Key__c,Subject,ActivityDate,WhatId',
      `bulk-known,Updated by bulk,2026-04-01,${whatId}`,
      `bulk-new,Created by bulk,2026-04-02,${whatId}`,
      `bulk-bad,Bad date,not-a-date,${whatId}`,
    ].join('\r\n');
    const job = await runIngest({ object: 'Task', operation: 'upsert', externalIdFieldName: 'Deal_Risk_Key__c', lineEnding: 'CRLF' }, csv);
    expect(job).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 3, numberRecordsFailed: 1, externalIdFieldName: 'Deal_Risk_Key__c' });

    const successful = await csvRecords(conn, `/ingest/${job.id}/successfulResults`);
    expect(successful.map((r) => [r.Deal_Risk_Key__c, r.sf__Created])).toEqual([
      ['bulk-known', 'false'],
      ['bulk-new', 'true'],
    ]);
    for (const row of successful) expect(org.store.retrieve('Task', row.sf__Id!)!.Subject).toBe(row.Subject);
    const [failed] = await csvRecords(conn, `/ingest/${job.id}/failedResults`);
    expect(failed!.sf__Error).toMatch(/^INVALID_TYPE_ON_FIELD_IN_RECORD:.*not-a-date:ActivityDate --$/);
    expect(failed!.sf__Id).toBe('');
  });

  it('when an insert job misses a required field in one row, then that row fails REQUIRED_FIELD_MISSING; a delete job then moves the others to the recycle bin', async () => {
    const inserted = await runIngest({ object: 'Account', operation: 'insert' }, 'Name,Industry\nBulk One,Technology\n,Technology\nBulk Two,\n');
    expect(inserted).toMatchObject({ numberRecordsProcessed: 3, numberRecordsFailed: 1 });
    const [failed] = await csvRecords(conn, `/ingest/${inserted.id}/failedResults`);
    expect(failed!.sf__Error).toMatch(/^REQUIRED_FIELD_MISSING:/);
    const ids = (await csvRecords(conn, `/ingest/${inserted.id}/successfulResults`)).map((r) => r.sf__Id!);
    expect(ids.map((id) => org.store.retrieve('Account', id)?.Name)).toEqual(['Bulk One', 'Bulk Two']);

    const deleted = await runIngest({ object: 'Account', operation: 'delete' }, `Id\n${ids.join('\n')}\n`);
    expect(deleted).toMatchObject({ numberRecordsProcessed: 2, numberRecordsFailed: 0 });
    expect(ids.map((id) => org.store.byId(id)?.IsDeleted)).toEqual([true, true]);
  });

  it('when an open job is aborted, then its uploaded rows are its unprocessed records and nothing is written', async () => {
    const [a] = openOpportunities();
    const created = (await bulkCall<JobInfo>(conn, 'POST', '/ingest', { object: 'Opportunity', operation: 'update' })).body;
    await bulkCall(conn, 'PUT', `/ingest/${created.id}/batches`, `Id,Description\n${a!.Id},never written\n`);
    const aborted = (await bulkCall<JobInfo>(conn, 'PATCH', `/ingest/${created.id}`, { state: 'Aborted' })).body;
    expect(aborted.state).toBe('Aborted');
    expect(await csvRecords(conn, `/ingest/${created.id}/unprocessedrecords`)).toEqual([{ Id: a!.Id, Description: 'never written' }]);
    expect(org.store.retrieve('Opportunity', a!.Id)!.Description).not.toBe('never written');
    const closing = (await bulkCall(conn, 'PATCH', `/ingest/${created.id}`, { state: 'UploadComplete' }).catch((e: unknown) => e)) as { errorCode: string };
    expect(closing.errorCode).toBe('INVALIDJOBSTATE');
  });

  it('when the CSV header names an unknown field, then the job ends Failed with the field named and every row unprocessed', async () => {
    const [a] = openOpportunities();
    const job = await runIngest({ object: 'Opportunity', operation: 'update' }, `Id,No_Such__c\n${a!.Id},x\n`);
    expect(job.state).toBe('Failed');
    expect(String(job.errorMessage)).toContain('No_Such__c');
    expect(await csvRecords(conn, `/ingest/${job.id}/unprocessedrecords`)).toEqual([{ Id: a!.Id, No_Such__c: 'x' }]);
  });

  it('when a job is created for an unknown object, an upsert without external id, or hardDelete, then creation is refused', async () => {
    const refusal = (body: Record<string, unknown>) => bulkCall(conn, 'POST', '/ingest', body).catch((e: unknown) => e) as Promise<{ errorCode: string; message: string }>;
    expect(await refusal({ object: 'Nope__c', operation: 'insert' })).toMatchObject({ errorCode: 'INVALIDJOB', message: 'Unable to find object: Nope__c' });
    expect((await refusal({ object: 'Task', operation: 'upsert' })).errorCode).toBe('INVALIDJOB');
    expect((await refusal({ object: 'Task', operation: 'upsert', externalIdFieldName: 'Subject' })).errorCode).toBe('INVALIDJOB');
    expect((await refusal({ object: 'Account', operation: 'hardDelete' })).errorCode).toBe('INVALIDJOB');
  });

  it('when a job is uploaded twice, then the second upload is refused; a job of 25,000 rows spends three DailyBulkApiBatches', async () => {
    const created = (await bulkCall<JobInfo>(conn, 'POST', '/ingest', { object: 'Account', operation: 'insert' })).body;
    const rows = Array.from({ length: 25_000 }, (_, i) => `Bulk Scale ${i}`);
    await bulkCall(conn, 'PUT', `/ingest/${created.id}/batches`, `Name\n${rows.join('\n')}\n`);
    const second = (await bulkCall(conn, 'PUT', `/ingest/${created.id}/batches`, 'Name\nAgain\n').catch((e: unknown) => e)) as { errorCode: string };
    expect(second.errorCode).toBe('INVALIDJOBSTATE');
    const before = ((await conn.limits()) as unknown as Record<string, { Remaining: number }>).DailyBulkApiBatches!.Remaining;
    await bulkCall(conn, 'PATCH', `/ingest/${created.id}`, { state: 'UploadComplete' });
    const done = await waitForJob(conn, 'ingest', created.id);
    expect(done).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 25_000, numberRecordsFailed: 0 });
    const after = ((await conn.limits()) as unknown as Record<string, { Remaining: number }>).DailyBulkApiBatches!.Remaining;
    expect(before - after).toBe(3);
  });

  it("when jsforce's own bulk2.loadAndWaitForResults updates records, then it reports the successful and the failed rows", async () => {
    const [a, b] = openOpportunities();
    conn.bulk2.pollInterval = 20;
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Opportunity',
      operation: 'update',
      input: `Id,Description\n${a!.Id},jsforce bulk2\n${b!.Id},\n00600000000zzzzAAA,missing\n`,
    });
    expect(results.successfulResults.map((r) => r.sf__Id)).toEqual([a!.Id, b!.Id]);
    expect(results.failedResults).toHaveLength(1);
    expect(String(results.failedResults[0]!.sf__Error)).toMatch(/^INVALID_CROSS_REFERENCE_KEY:/);
    expect(org.store.retrieve('Opportunity', a!.Id)!.Description).toBe('jsforce bulk2');
  });
});
