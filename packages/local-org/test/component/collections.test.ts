import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, restCall, startTestOrg } from '../support/local-org.js';

let org: LocalOrg;
let conn: Connection;
beforeAll(async () => {
  org = await startTestOrg();
  conn = await loggedIn(org);
});
afterAll(async () => {
  await org.stop();
});

const liveCount = (object: string, predicate: (row: Record<string, unknown>) => boolean) =>
  [...org.store.rows(object)].filter((row) => !row.IsDeleted && predicate(row)).length;

type Result = { id: string | null; success: boolean; errors: { statusCode: string; message: string; fields: string[] }[]; created?: boolean };

describe('local org sObject Collections', () => {
  it('when a create batch has one bad record and allOrNone is false, then the others are saved and each result is in order', async () => {
    const results = (await conn.sobject('Account').create([
      { Name: 'Mixed A' },
      { Name: 'Mixed B', Type: 'Not A Type', Industry: 'Nope' },
      { Name: 'x'.repeat(256) },
      { Name: 'Mixed D' },
    ])) as Result[];
    expect(results.map((r) => r.success)).toEqual([true, true, false, true]);
    expect(results[2]?.errors[0]).toMatchObject({ statusCode: 'STRING_TOO_LONG', fields: ['Name'] });
    // Nothing was saved for it, so its result names no id (results are matched by position).
    expect(results[2]).not.toHaveProperty('id');
    expect(liveCount('Account', (row) => typeof row.Name === 'string' && row.Name.startsWith('Mixed '))).toBe(3);
  });

  it('when allOrNone is true and one record fails, then nothing is saved, the bad one has its error and the rest are rolled back', async () => {
    const before = liveCount('Opportunity', () => true);
    const response = await restCall(org, conn.accessToken ?? '', '/composite/sobjects', {
      method: 'POST',
      body: {
        allOrNone: true,
        records: [
          { attributes: { type: 'Opportunity' }, Name: 'AON 1', StageName: 'Prospecting', CloseDate: '2026-06-30' },
          { attributes: { type: 'Opportunity' }, Name: 'AON 2', StageName: 'Almost Won', CloseDate: '2026-06-30' },
          { attributes: { type: 'Opportunity' }, Name: 'AON 3', StageName: 'Prospecting', CloseDate: '2026-06-30' },
        ],
      },
    });
    expect(response.status).toBe(200);
    const results = response.body as Result[];
    expect(results.map((r) => r.success)).toEqual([false, false, false]);
    expect(results[1]?.errors[0]?.statusCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(results[0]?.errors[0]?.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(results[2]?.errors[0]?.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(results.filter((r) => 'id' in r)).toEqual([]);
    expect(liveCount('Opportunity', () => true)).toBe(before);
    expect(liveCount('OpportunityHistory', (row) => typeof row.OpportunityId === 'string' && !org.store.byId(row.OpportunityId))).toBe(0);
  });

  it('when an update batch (lowercase id, as jsforce sends) mixes good and bad rows, then only the good ones change', async () => {
    const opps = [...org.store.rows('Opportunity')].filter((o) => !o.IsDeleted && o.IsClosed === false).slice(0, 3);
    expect(opps).toHaveLength(3);
    const results = (await conn.sobject('Opportunity').update([
      { Id: opps[0]!.Id, Deal_Risk_Level__c: 'High', Deal_Risk_Score__c: 81 },
      { Id: opps[1]!.Id, Deal_Risk_Level__c: 'Catastrophic' },
      { Id: opps[2]!.Id, Deal_Risk_Level__c: 'Low', Deal_Risk_Score__c: 12 },
    ])) as Result[];
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(results[1]?.errors[0]).toMatchObject({ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Deal_Risk_Level__c'] });
    expect(org.store.retrieve('Opportunity', opps[0]!.Id)?.Deal_Risk_Level__c).toBe('High');
    expect(org.store.retrieve('Opportunity', opps[1]!.Id)?.Deal_Risk_Level__c).not.toBe('Catastrophic');
    expect(org.store.retrieve('Opportunity', opps[2]!.Id)?.Deal_Risk_Score__c).toBe(12);
  });

  it('when allOrNone update fails on one row, then the rows before and after keep their old values', async () => {
    const opps = [...org.store.rows('Opportunity')].filter((o) => !o.IsDeleted).slice(3, 5);
    const before = opps.map((o) => org.store.retrieve('Opportunity', o.Id)?.Deal_Risk_Score__c ?? null);
    const results = (await conn.sobject('Opportunity').update(
      [
        { Id: opps[0]!.Id, Deal_Risk_Score__c: 55 },
        { Id: opps[1]!.Id, Deal_Risk_Score__c: 'lots' },
      ],
      { allOrNone: true },
    )) as Result[];
    expect(results.every((r) => !r.success)).toBe(true);
    expect(opps.map((o) => org.store.retrieve('Opportunity', o.Id)?.Deal_Risk_Score__c ?? null)).toEqual(before);
  });

  it('when Tasks are upserted by external id, then new keys are created and known keys updated', async () => {
    const opp = [...org.store.rows('Opportunity')].find((o) => !o.IsDeleted)!;
    const first = (await conn.sobject('Task').upsert(
      [
        { Deal_Risk_Key__c: 'coll-1', Subject: 'Confirm the business case', WhatId: opp.Id },
        { Deal_Risk_Key__c: 'coll-2', Subject: 'Map the buying group', WhatId: opp.Id },
      ],
      'Deal_Risk_Key__c',
    )) as Result[];
    expect(first.map((r) => [r.success, r.created])).toEqual([
      [true, true],
      [true, true],
    ]);
    const second = (await conn.sobject('Task').upsert(
      [
        { Deal_Risk_Key__c: 'coll-1', Subject: 'Confirm the business case (again)' },
        { Deal_Risk_Key__c: 'coll-3', Subject: 'New one', Status: 'Not A Status' },
      ],
      'Deal_Risk_Key__c',
    )) as Result[];
    expect(second[0]).toMatchObject({ id: first[0]?.id, success: true, created: false });
    expect(second[1]).toEqual({ success: false, errors: second[1]!.errors, created: false });
    expect(second[1]?.errors[0]?.statusCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(org.store.retrieve('Task', first[0]!.id!)?.Subject).toBe('Confirm the business case (again)');
  });

  it('when a delete batch names a live, an already deleted and an unknown record, then each gets its own result', async () => {
    const [a, b] = (await conn.sobject('Account').create([{ Name: 'Delete A' }, { Name: 'Delete B' }])) as Result[];
    await conn.sobject('Account').destroy(b!.id!);
    const results = (await conn.sobject('Account').destroy([a!.id!, b!.id!, '001000000000999AAA'])) as Result[];
    expect(results[0]).toMatchObject({ id: a!.id, success: true });
    expect(results[1]?.success).toBe(false);
    expect(results[1]?.errors[0]?.statusCode).toBe('ENTITY_IS_DELETED');
    expect(results[2]?.success).toBe(false);
    expect(org.store.retrieve('Account', a!.id!)).toBeUndefined();
  });

  it('when 201 records are sent in one call, then it is refused with EXCEEDED_ID_LIMIT and nothing is saved', async () => {
    const before = liveCount('Account', () => true);
    const records = Array.from({ length: 201 }, (_, i) => ({ Name: `Too many ${i}` }));
    await expect(conn.sobject('Account').create(records)).rejects.toMatchObject({ errorCode: 'EXCEEDED_ID_LIMIT' });
    expect(liveCount('Account', () => true)).toBe(before);
    const ok = (await conn.sobject('Account').create(records.slice(0, 200))) as Result[];
    expect(ok.every((r) => r.success)).toBe(true);
  });

  it('when records are retrieved by ids and fields, then unknown ids come back as null', async () => {
    const [a] = (await conn.sobject('Account').create([{ Name: 'Retrieve Me' }])) as Result[];
    const response = await restCall(org, conn.accessToken ?? '', `/composite/sobjects/Account?ids=${a!.id},001000000000998AAA&fields=Id,Name`);
    expect(response.body).toEqual([{ attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${a!.id}` }, Id: a!.id, Name: 'Retrieve Me' }, null]);
  });
});
