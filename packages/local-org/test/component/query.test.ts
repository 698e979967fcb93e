import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeId } from '../../src/ids.js';
import type { DatasetFile, SRecord } from '../../src/model.js';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, restCall, startTestOrg } from '../support/local-org.js';

const USER_ID = makeId('005', 1);
const ACCOUNTS = 5000;

/** 5,000 accounts owned by one user: enough for three pages of 2,000. */
function bigDataset(): DatasetFile {
  return {
    records: {
      User: [
        {
          Id: USER_ID,
          Username: 'demo@dealrisk.local',
          LastName: 'Demo',
          Email: 'demo@dealrisk.local',
          Alias: 'demo',
          TimeZoneSidKey: 'GMT',
          LocaleSidKey: 'en_US',
          EmailEncodingKey: 'UTF-8',
          LanguageLocaleKey: 'en_US',
        },
      ],
      Account: Array.from({ length: ACCOUNTS }, (_, i) => ({ Name: `Account ${String(i).padStart(4, '0')}`, OwnerId: USER_ID, NumberOfEmployees: i })),
    },
  };
}

describe('local org query paging', () => {
  let org: LocalOrg;
  let conn: Connection;
  beforeAll(async () => {
    org = await startTestOrg({ dataset: bigDataset() });
    conn = await loggedIn(org);
  });
  afterAll(async () => {
    await org.stop();
  });

  it('when 5,000 rows are queried with autoFetch, then jsforce pages through nextRecordsUrl and gets each row once', async () => {
    const before = org.apiUsage().used;
    const result = await conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Account ORDER BY Name', { autoFetch: true, maxFetch: 10_000 });
    expect(result.totalSize).toBe(ACCOUNTS);
    expect(result.records).toHaveLength(ACCOUNTS);
    expect(new Set(result.records.map((r) => r.Id)).size).toBe(ACCOUNTS);
    expect(result.records[0]?.Name).toBe('Account 0000');
    expect(result.records[4999]?.Name).toBe('Account 4999');
    // 2,000 + 2,000 + 1,000: three page fetches, three API calls.
    expect(org.apiUsage().used - before).toBe(3);
  });

  it('when a page is read raw, then it has totalSize, done:false and a /query/<locator> nextRecordsUrl; batchSize shrinks pages', async () => {
    const first = await restCall(org, conn.accessToken ?? '', `/query?q=${encodeURIComponent('SELECT Id FROM Account')}`, {
      headers: { 'Sforce-Query-Options': 'batchSize=500' },
    });
    const page = first.body as { totalSize: number; done: boolean; nextRecordsUrl: string; records: { attributes: { type: string; url: string } }[] };
    expect(first.status).toBe(200);
    expect(page.totalSize).toBe(ACCOUNTS);
    expect(page.done).toBe(false);
    expect(page.records).toHaveLength(500);
    expect(page.records[0]?.attributes.type).toBe('Account');
    expect(page.records[0]?.attributes.url).toMatch(/^\/services\/data\/v62\.0\/sobjects\/Account\/001/);
    expect(page.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]+-500$/);
    const second = await restCall(org, conn.accessToken ?? '', page.nextRecordsUrl);
    expect((second.body as { records: unknown[] }).records).toHaveLength(500);

    const tiny = await restCall(org, conn.accessToken ?? '', `/query?q=${encodeURIComponent('SELECT Id FROM Account')}`, {
      headers: { 'Sforce-Query-Options': 'batchSize=5' },
    });
    // Below Salesforce's minimum of 200, the minimum is used.
    expect((tiny.body as { records: unknown[] }).records).toHaveLength(200);
  });

  it('when a locator is unknown, then 400 INVALID_QUERY_LOCATOR', async () => {
    const response = await restCall(org, conn.accessToken ?? '', '/query/01g000000000000AAA-2000');
    expect(response.status).toBe(400);
    expect(response.body).toEqual([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
  });

  it('when a record changes after the query, then the cursor keeps its rows and order, and a later page shows the record as it is then', async () => {
    type Row = { Id: string; Name: string; NumberOfEmployees: number };
    const first = await conn.query<Row>('SELECT Id, Name, NumberOfEmployees FROM Account WHERE NumberOfEmployees >= 0 ORDER BY Name');
    const later = org.store.byId(makeId('001', 2101))!;
    // Both changes would move or drop the row in a new query; the open cursor gathered its ids already.
    org.store.update('Account', later.Id, { Name: 'Zz renamed', NumberOfEmployees: -1 }, USER_ID);
    const second = await conn.queryMore<Row>(first.nextRecordsUrl!);
    expect(second.totalSize).toBe(ACCOUNTS);
    expect(second.records[100]).toMatchObject({ Id: later.Id, Name: 'Zz renamed', NumberOfEmployees: -1 });
    org.store.update('Account', later.Id, { Name: 'Account 2100', NumberOfEmployees: 2100 }, USER_ID);
  });
});

describe('local org SOQL over the demo dataset', () => {
  let org: LocalOrg;
  let conn: Connection;
  beforeAll(async () => {
    org = await startTestOrg({ opportunities: 60 });
    conn = await loggedIn(org);
  });
  afterAll(async () => {
    await org.stop();
  });

  const live = (object: string): SRecord[] => [...org.store.rows(object)].filter((row) => !row.IsDeleted);

  it('when a query has parent paths and child subqueries, then they nest as Salesforce nests them', async () => {
    type Row = {
      Id: string;
      AccountId: string;
      Account: { Name: string } | null;
      Owner: { Email: string };
      OpportunityContactRoles: { totalSize: number; done: boolean; records: { ContactId: string; Role: string; Contact: { Stakeholder_Profile__c: string | null } }[] } | null;
      OpportunityHistories: { records: { StageName: string; CreatedDate: string }[] } | null;
    };
    const result = await conn.query<Row>(
      `SELECT Id, AccountId, Account.Name, Owner.Email,
        (SELECT ContactId, Role, Contact.Stakeholder_Profile__c FROM OpportunityContactRoles),
        (SELECT StageName, CreatedDate FROM OpportunityHistories ORDER BY CreatedDate)
       FROM Opportunity`,
      { autoFetch: true },
    );
    expect(result.totalSize).toBe(60);
    let withRoles = 0;
    for (const opp of result.records) {
      const account = org.store.byId(opp.AccountId);
      expect(opp.Account?.Name).toBe(account?.Name);
      const roles = org.store.children('OpportunityContactRole', 'OpportunityId', opp.Id).filter((r) => !r.IsDeleted);
      if (roles.length === 0) {
        expect(opp.OpportunityContactRoles).toBeNull();
      } else {
        withRoles += 1;
        expect(opp.OpportunityContactRoles?.totalSize).toBe(roles.length);
        const first = opp.OpportunityContactRoles!.records[0]!;
        expect(first.Contact.Stakeholder_Profile__c).toBe(org.store.byId(first.ContactId)?.Stakeholder_Profile__c ?? null);
      }
      const history = opp.OpportunityHistories?.records ?? [];
      expect(history.length).toBe(org.store.children('OpportunityHistory', 'OpportunityId', opp.Id).filter((r) => !r.IsDeleted).length);
      const dates = history.map((h) => h.CreatedDate);
      expect([...dates].sort()).toEqual(dates);
    }
    expect(withRoles).toBeGreaterThan(0);
  });

  it('when WHERE mixes AND, OR, NOT and parentheses, then the rows match the same filter computed directly', async () => {
    const soql = `SELECT Id FROM Opportunity
      WHERE (StageName = 'Prospecting' OR Amount > 50000) AND (NOT (IsClosed = true OR StageName IN ('Qualification')))`;
    const result = await conn.query<{ Id: string }>(soql);
    const expected = live('Opportunity')
      .filter((o) => (o.StageName === 'Prospecting' || (typeof o.Amount === 'number' && o.Amount > 50000)) && !(o.IsClosed === true || o.StageName === 'Qualification'))
      .map((o) => o.Id)
      .sort();
    expect(result.records.map((r) => r.Id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    const either = await conn.query<{ Id: string }>(`SELECT Id FROM Opportunity WHERE StageName = 'Prospecting' OR (Amount > 50000 AND IsClosed = false)`);
    const expectedEither = live('Opportunity').filter((o) => o.StageName === 'Prospecting' || (typeof o.Amount === 'number' && o.Amount > 50000 && o.IsClosed === false));
    expect(either.totalSize).toBe(expectedEither.length);
  });

  it('when a record is deleted, then query hides it and queryAll returns it with IsDeleted = true', async () => {
    const task = live('Task')[0]!;
    await conn.sobject('Task').destroy(task.Id);
    const visible = await conn.query(`SELECT Id FROM Task WHERE Id = '${task.Id}'`);
    expect(visible.totalSize).toBe(0);
    const all = await conn.query<{ Id: string; IsDeleted: boolean }>(`SELECT Id, IsDeleted FROM Task WHERE Id = '${task.Id}'`, { scanAll: true });
    expect(all.records).toEqual([expect.objectContaining({ Id: task.Id, IsDeleted: true })]);
  });

  it('when COUNT() and GROUP BY are asked, then they answer totalSize and aggregate rows', async () => {
    const count = await conn.query('SELECT COUNT() FROM Opportunity WHERE IsClosed = false');
    expect(count.totalSize).toBe(live('Opportunity').filter((o) => o.IsClosed === false).length);
    const grouped = await conn.query<{ StageName: string; expr0: number }>('SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY StageName');
    const total = grouped.records.reduce((sum, row) => sum + row.expr0, 0);
    expect(total).toBe(60);
  });

  it('when the Salesforce CLI asks for columns=true, then column metadata comes back', async () => {
    const response = await restCall(org, conn.accessToken ?? '', `/query?q=${encodeURIComponent('SELECT Id, Account.Name FROM Opportunity')}&columns=true`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ entityName: 'Opportunity', columnMetadata: expect.any(Array) as unknown });
  });
});
