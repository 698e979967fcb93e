import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeId } from '../../src/ids.js';
import { isSetupError } from '../../src/errors/setup-error.js';
import { isDatasetError } from '../../src/dataset/format.js';
import { startLocalOrg, type LocalOrg } from '../../src/server.js';
import { loggedIn, restCall, startTestOrg } from '../support/local-org.js';

let org: LocalOrg;
let conn: Connection;
let accountId: string;
beforeAll(async () => {
  org = await startTestOrg({
    validationRules: [
      {
        object: 'Opportunity',
        name: 'Amount_Not_Negative',
        when: (record) => typeof record.Amount === 'number' && record.Amount < 0,
        message: 'Amount cannot be negative',
        field: 'Amount',
      },
    ],
  });
  conn = await loggedIn(org);
  accountId = [...org.store.rows('Account')].find((a) => !a.IsDeleted)!.Id;
});
afterAll(async () => {
  await org.stop();
});

const opportunity = (fields: Record<string, unknown> = {}) => ({
  Name: 'Error case',
  StageName: 'Prospecting',
  CloseDate: '2026-06-30',
  AccountId: accountId,
  ...fields,
});

/** The first error of a failed single-record create, as jsforce reports it. */
async function createError(type: string, fields: Record<string, unknown>): Promise<{ errorCode: string; message: string; fields?: string[] }> {
  try {
    await conn.sobject(type).create(fields);
  } catch (error) {
    const e = error as { errorCode: string; message: string; data?: { fields?: string[] }[] | { fields?: string[] } };
    const data = Array.isArray(e.data) ? e.data[0] : e.data;
    return { errorCode: e.errorCode, message: e.message, fields: data?.fields };
  }
  throw new Error('expected the create to fail');
}

describe('local org error codes from realistic mistakes', () => {
  it('when a query names a field that does not exist, then INVALID_FIELD names it', async () => {
    await expect(conn.query('SELECT Id, Stage FROM Opportunity')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'Stage' on entity 'Opportunity'") as unknown,
    });
  });

  it('when a query is malformed or names an unknown object, then MALFORMED_QUERY or INVALID_TYPE', async () => {
    await expect(conn.query('SELECT Id FROM Opportunity WHERE')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    await expect(conn.query('SELECT Id FROM Oportunity')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
  });

  it('when a query is over 100,000 characters, then it is refused as Salesforce refuses it (sent in a composite body: no URI holds it)', async () => {
    const ids = Array.from({ length: 6000 }, (_, i) => `'${makeId('006', i + 1)}'`).join(',');
    const url = `/services/data/v62.0/query?q=${encodeURIComponent(`SELECT Id FROM Opportunity WHERE Id IN (${ids})`)}`;
    const response = await restCall(org, conn.accessToken ?? '', '/composite', {
      method: 'POST',
      body: { allOrNone: false, compositeRequest: [{ method: 'GET', url, referenceId: 'long' }] },
    });
    const sub = (response.body as { compositeResponse: { httpStatusCode: number; body: { errorCode: string }[] }[] }).compositeResponse[0]!;
    expect(sub.httpStatusCode).toBe(400);
    expect(sub.body[0]?.errorCode).toBe('MALFORMED_QUERY');
  });

  it('when a restricted picklist gets a value outside its list, then INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', async () => {
    expect(await createError('Opportunity', opportunity({ StageName: 'Almost Won' }))).toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      fields: ['StageName'],
    });
  });

  it('when a required field is left out, then REQUIRED_FIELD_MISSING names it', async () => {
    const { CloseDate: _omit, ...withoutCloseDate } = opportunity();
    expect(await createError('Opportunity', withoutCloseDate)).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['CloseDate'] });
  });

  it('when text is longer than the field allows, then STRING_TOO_LONG', async () => {
    expect(await createError('Opportunity', opportunity({ Name: 'n'.repeat(121) }))).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['Name'] });
  });

  it('when a reference is not an id at all, then MALFORMED_ID; when it is an id of nothing, then INVALID_CROSS_REFERENCE_KEY', async () => {
    expect((await createError('Opportunity', opportunity({ AccountId: 'acme-corp' }))).errorCode).toBe('MALFORMED_ID');
    expect((await createError('Opportunity', opportunity({ AccountId: makeId('001', 987_654) }))).errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
  });

  it('when two Tasks are created with the same Deal_Risk_Key__c (an External ID, not unique), then both are saved', async () => {
    const first = await conn.sobject('Task').create({ Subject: 'first', Deal_Risk_Key__c: 'dup-key' });
    const second = await conn.sobject('Task').create({ Subject: 'second', Deal_Risk_Key__c: 'DUP-KEY' });
    expect([first.success, second.success]).toEqual([true, true]);
    expect(org.store.findByExternalId('Task', 'Deal_Risk_Key__c', 'dup-key')).toHaveLength(2);
  });

  it('when a validation rule rejects the record, then FIELD_CUSTOM_VALIDATION_EXCEPTION with its message', async () => {
    expect(await createError('Opportunity', opportunity({ Amount: -5 }))).toMatchObject({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: expect.stringContaining('Amount cannot be negative') as unknown,
    });
  });

  it('when a read-only field is written, then INVALID_FIELD_FOR_INSERT_UPDATE', async () => {
    const opp = [...org.store.rows('Opportunity')].find((o) => !o.IsDeleted)!;
    await expect(conn.sobject('Opportunity').update({ Id: opp.Id, IsClosed: true })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    });
  });

  it('when a number field gets text, then the save fails and nothing changes', async () => {
    const opp = [...org.store.rows('Opportunity')].find((o) => !o.IsDeleted)!;
    const before = org.store.retrieve('Opportunity', opp.Id)?.Amount;
    const response = await restCall(org, conn.accessToken ?? '', `/sobjects/Opportunity/${opp.Id}`, { method: 'PATCH', body: { Amount: 'a lot' } });
    expect(response.status).toBe(400);
    expect(org.store.retrieve('Opportunity', opp.Id)?.Amount).toBe(before);
  });

  it('when the body is not JSON, then JSON_PARSER_ERROR', async () => {
    const response = await fetch(`${org.instanceUrl}/services/data/v62.0/sobjects/Account`, {
      method: 'POST',
      headers: { authorization: `Bearer ${conn.accessToken ?? ''}`, 'content-type': 'application/json' },
      body: '{"Name": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errorCode: string }[])[0]?.errorCode).toBe('JSON_PARSER_ERROR');
  });
});

describe('local org start-up with a dataset it cannot load', () => {
  it('when a dataset row points at a record that does not exist, then start-up rejects with a DatasetError naming the row', async () => {
    const dangling = makeId('001', 99);
    const start = startLocalOrg({ dataset: { records: { Contact: [{ LastName: 'Orphan', AccountId: dangling }] } } });
    await expect(start).rejects.toSatisfy(isDatasetError);
    await expect(start).rejects.toMatchObject({
      problems: [{ path: 'records.Contact[0]', message: `AccountId ${dangling} does not exist` }],
    });
  });

  it('when the JWT certificate is not a PEM certificate or key, then start-up rejects with a SetupError naming --jwt-cert', async () => {
    const start = startLocalOrg({ dataset: 'empty', jwtCertificate: 'not a certificate' });
    await expect(start).rejects.toSatisfy(isSetupError);
    await expect(start).rejects.toMatchObject({ problems: [expect.objectContaining({ key: '--jwt-cert' })] });
  });
});
