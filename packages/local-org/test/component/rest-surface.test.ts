// What every Salesforce client expects of the REST surface, driven through jsforce 3.10.16 the
// way its own integration tests do: describe claims only what the org serves, and whatever it
// does not serve answers a plain NOT_FOUND (or a clear refusal), never a misreading.
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, restCall, startTestOrg } from '../support/local-org.js';

let org: LocalOrg;
let conn: Connection;
let accountId: string;
beforeAll(async () => {
  org = await startTestOrg();
  conn = await loggedIn(org);
  accountId = [...org.store.rows('Account')].find((a) => !a.IsDeleted)!.Id;
});
afterAll(async () => {
  await org.stop();
});

const PLAIN_NOT_FOUND = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
const token = () => conn.accessToken ?? '';

describe('local org describe claims only what it serves', () => {
  it('when jsforce describes an object, then layouts, compact layouts, search, MRU and scopes are not advertised', async () => {
    const account = await conn.describe('Account');
    expect(account).toMatchObject({ layoutable: false, compactLayoutable: false, searchable: false, mruEnabled: false, searchLayoutable: false, supportedScopes: [] });
    const global = await conn.describeGlobal();
    for (const sobject of global.sobjects) {
      expect({ name: sobject.name, layoutable: sobject.layoutable, searchable: sobject.searchable, mruEnabled: sobject.mruEnabled }).toEqual({
        name: sobject.name,
        layoutable: false,
        searchable: false,
        mruEnabled: false,
      });
    }
  });

  it('when a client follows every URL describe advertises, then each one answers', async () => {
    const { urls } = (await conn.describe('Account')) as unknown as { urls: Record<string, string> };
    expect(Object.keys(urls).sort()).toEqual(['describe', 'rowTemplate', 'sobject']);
    for (const url of Object.values(urls)) {
      const response = await restCall(org, token(), url.replace('{ID}', accountId));
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
    }
  });

  it('when jsforce asks for layouts, compact and approval layouts, quick actions or recent items, then plain NOT_FOUND', async () => {
    const Account = conn.sobject('Account');
    for (const call of [() => Account.layouts(), () => Account.compactLayouts(), () => Account.approvalLayouts(), () => Account.quickActions(), () => conn.recent()]) {
      await expect(call()).rejects.toMatchObject({ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' });
    }
  });
});

describe('local org sub-resources under /sobjects/{T}/', () => {
  it('when a sub-resource the org does not serve (or does not know) is asked, then a plain NOT_FOUND, not a misread record or external id', async () => {
    const paths = [
      // listviews is served (from the source metadata); a list view of another object is not found.
      '/sobjects/Account/layouts',
      '/sobjects/Account/quickActions',
      '/sobjects/Account/bogus',
      '/sobjects/Account/describe/layouts',
      '/sobjects/Account/describe/bogus',
      '/sobjects/Account/listviews/00B000000000001AAA',
      '/sobjects/Account/listviews/00B000000000001AAA/results',
      `/sobjects/Account/${accountId}/Contacts`,
      `/sobjects/Account/${accountId.replace(/^001/, '003')}`,
    ];
    for (const path of paths) {
      const response = await restCall(org, token(), path);
      expect({ path, status: response.status, body: response.body }).toEqual({ path, status: 404, body: PLAIN_NOT_FOUND });
    }
    for (const [method, path] of [['PATCH', '/sobjects/Account/listviews'], ['PATCH', '/sobjects/Account/describe/layouts'], ['DELETE', '/sobjects/Account/quickActions']] as const) {
      const response = await restCall(org, token(), path, { method, body: { Name: 'x' } });
      expect({ path, status: response.status, body: response.body }).toEqual({ path, status: 404, body: PLAIN_NOT_FOUND });
    }
    expect(org.store.retrieve('Account', accountId)?.Name).not.toBe('x');
  });

  it('when a field that is not an external id is used as one, then NOT_FOUND names it, as Salesforce does', async () => {
    const response = await restCall(org, token(), '/sobjects/Account/Name/Acme');
    expect(response.status).toBe(404);
    expect(response.body).toEqual([{ errorCode: 'NOT_FOUND', message: 'Provided external ID field does not exist or is not accessible: Name' }]);
  });
});

describe('local org SOQL features it does not serve are refused, not ignored', () => {
  it('when a query asks FOR VIEW, FOR REFERENCE, FOR UPDATE or USING SCOPE, then MALFORMED_QUERY says it is not supported', async () => {
    for (const soql of [
      'SELECT Id, Name FROM Account ORDER BY CreatedDate DESC LIMIT 2 FOR VIEW',
      'SELECT Id FROM Account LIMIT 2 FOR REFERENCE',
      'SELECT Id FROM Account LIMIT 2 FOR UPDATE',
      'SELECT Id FROM Account USING SCOPE mine',
    ]) {
      await expect(conn.query(soql)).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY', message: expect.stringContaining('not supported by the local org') as unknown });
    }
  });

  it('when a query plan (explain) or a SOSL search is asked, then it is refused', async () => {
    const explain = await restCall(org, token(), `/query?explain=${encodeURIComponent('SELECT Id FROM Account')}`);
    expect(explain.status).toBe(400);
    expect((explain.body as { errorCode: string }[])[0]?.errorCode).toBe('MALFORMED_QUERY');
    await expect(conn.search('FIND {Acme} IN NAME FIELDS RETURNING Account(Id)')).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});
