import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, startTestOrg } from '../support/local-org.js';

let org: LocalOrg;
let conn: Connection;
beforeAll(async () => {
  org = await startTestOrg({ dataset: 'empty' });
  conn = await loggedIn(org);
});
afterAll(async () => {
  await org.stop();
});

type CompositeResponse = { compositeResponse: { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string }[] };
const accountsNamed = (name: string) => [...org.store.rows('Account')].filter((a) => !a.IsDeleted && a.Name === name);

describe('local org /composite', () => {
  it('when later subrequests reference earlier results, then they chain in one API call', async () => {
    const before = org.apiUsage().used;
    const response = await conn.requestPost<CompositeResponse>('/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'newAccount', body: { Name: 'Composite Co' } },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Contact', referenceId: 'newContact', body: { LastName: 'Chain', AccountId: '@{newAccount.id}' } },
        { method: 'GET', url: '/services/data/v62.0/query?q=SELECT+Id,+Account.Name+FROM+Contact+WHERE+AccountId+=+%27@{newAccount.id}%27', referenceId: 'readBack' },
        { method: 'PATCH', url: '/services/data/v62.0/sobjects/Contact/@{readBack.records[0].Id}', referenceId: 'rename', body: { FirstName: 'Cora' } },
      ],
    });
    expect(org.apiUsage().used - before).toBe(1);
    expect(response.compositeResponse.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([
      ['newAccount', 201],
      ['newContact', 201],
      ['readBack', 200],
      ['rename', 204],
    ]);
    const accountId = (response.compositeResponse[0]!.body as { id: string }).id;
    expect(response.compositeResponse[0]!.httpHeaders.location).toBe(`/services/data/v62.0/sobjects/Account/${accountId}`);
    const contactId = (response.compositeResponse[1]!.body as { id: string }).id;
    expect(org.store.retrieve('Contact', contactId)).toMatchObject({ AccountId: accountId, FirstName: 'Cora' });
    expect((response.compositeResponse[2]!.body as { records: { Account: { Name: string } }[] }).records[0]?.Account.Name).toBe('Composite Co');
  });

  it('when allOrNone is true and a step fails, then earlier writes are undone and the others answer PROCESSING_HALTED', async () => {
    const response = await conn.requestPost<CompositeResponse>('/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'acct', body: { Name: 'Rolled Back Co' } },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Contact', referenceId: 'bad', body: { FirstName: 'No Last Name', AccountId: '@{acct.id}' } },
        { method: 'GET', url: '/services/data/v62.0/limits', referenceId: 'later' },
      ],
    });
    expect(response.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400, 400]);
    expect((response.compositeResponse[1]!.body as { errorCode: string }[])[0]?.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect((response.compositeResponse[0]!.body as { errorCode: string }[])[0]?.errorCode).toBe('PROCESSING_HALTED');
    expect((response.compositeResponse[2]!.body as { errorCode: string }[])[0]?.errorCode).toBe('PROCESSING_HALTED');
    expect(accountsNamed('Rolled Back Co')).toHaveLength(0);
  });

  it('when allOrNone is false and a step fails, then earlier writes stay and a step that needs its result is halted', async () => {
    const response = await conn.requestPost<CompositeResponse>('/composite', {
      allOrNone: false,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'kept', body: { Name: 'Kept Co' } },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'broken', body: { Name: 'x'.repeat(300) } },
        { method: 'PATCH', url: '/services/data/v62.0/sobjects/Account/@{broken.id}', referenceId: 'dependent', body: { Name: 'Never' } },
      ],
    });
    expect(response.compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 400, 400]);
    expect((response.compositeResponse[1]!.body as { errorCode: string }[])[0]?.errorCode).toBe('STRING_TOO_LONG');
    expect((response.compositeResponse[2]!.body as { errorCode: string; message: string }[])[0]).toMatchObject({
      errorCode: 'PROCESSING_HALTED',
      message: expect.stringContaining('broken.id') as unknown,
    });
    expect(accountsNamed('Kept Co')).toHaveLength(1);
  });

  it('when more than 25 subrequests are sent, then the whole call is refused', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({ method: 'GET', url: '/services/data/v62.0/limits', referenceId: `r${i}` }));
    await expect(conn.requestPost('/composite', { compositeRequest })).rejects.toMatchObject({ errorCode: 'INVALID_BATCH_REQUEST' });
  });
});
