// Conformance: how query pages are cut (REST API Developer Guide, Query Options Header; SOQL and
// SOSL Reference, Change the Batch Size in Queries; SOAP API Developer Guide, QueryLocator).
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeId } from '../../src/ids.js';
import type { DatasetFile } from '../../src/model.js';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, restCall, startTestOrg } from '../support/local-org.js';

const USER_ID = makeId('005', 1);
const ACCOUNTS = 2500;
/** Account 0 has a child set far over the inline limit; the others have three contacts each. */
const BIG_SET = 450;

type ChildSet = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: { Id: string }[] } | null;
type AccountRow = { Id: string; Name: string; Contacts: ChildSet };
type Page<T> = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: T[] };

function accountsWithContacts(): DatasetFile {
  const accountId = (i: number) => makeId('001', i + 1);
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
      Account: Array.from({ length: ACCOUNTS }, (_, i) => ({ Id: accountId(i), Name: `Account ${String(i).padStart(4, '0')}`, OwnerId: USER_ID })),
      Contact: [
        ...Array.from({ length: BIG_SET }, (_, n) => ({ LastName: `Big ${n}`, AccountId: accountId(0), OwnerId: USER_ID })),
        ...Array.from({ length: (ACCOUNTS - 1) * 3 }, (_, n) => ({ LastName: `Contact ${n}`, AccountId: accountId(1 + Math.floor(n / 3)), OwnerId: USER_ID })),
      ],
    },
  };
}

/** Rows a page holds: each parent and its inline child rows. */
const rowsOn = (records: AccountRow[]) => records.reduce((sum, r) => sum + 1 + (r.Contacts?.records.length ?? 0), 0);

describe('query pages count child rows, and child sets page on their own', () => {
  let org: LocalOrg;
  let conn: Connection;
  beforeAll(async () => {
    org = await startTestOrg({ dataset: accountsWithContacts() });
    conn = await loggedIn(org);
  });
  afterAll(async () => {
    await org.stop();
  });

  const soql = 'SELECT Id, Name, (SELECT Id FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name';

  it('when parents with child rows are queried, then a page holds parents until parents plus child rows reach 2,000', async () => {
    const first = await conn.query<AccountRow>(soql);
    expect(first.totalSize).toBe(ACCOUNTS);
    expect(first.done).toBe(false);
    // Account 0: 1 + 200 inline rows; then 4 rows per account up to 2,000 rows: 449 more accounts.
    expect(first.records.length).toBeLessThan(2000);
    expect(rowsOn(first.records)).toBeLessThanOrEqual(2000);
    expect(first.records).toHaveLength(1 + Math.floor((2000 - 201) / 4));
    const second = await conn.queryMore<AccountRow>(first.nextRecordsUrl!);
    expect(second.records).toHaveLength(500);
    expect(rowsOn(second.records)).toBe(2000);
  });

  it("when every page is read with jsforce's autoFetch, then each parent comes once, the large child set whole, and the calls follow the row count", async () => {
    const before = org.apiUsage().used;
    const all = await conn.query<AccountRow>(soql, { autoFetch: true, maxFetch: 10_000 });
    expect(all.records).toHaveLength(ACCOUNTS);
    expect(new Set(all.records.map((r) => r.Id)).size).toBe(ACCOUNTS);
    expect(all.records[0]!.Contacts).toMatchObject({ done: true, totalSize: BIG_SET });
    expect(all.records[0]!.Contacts!.records).toHaveLength(BIG_SET);
    // 450 + 500 + 500 + 500 + 500 + 50 parents: six pages (counting parents only would take two),
    // and one call for the rest of the large child set, which jsforce reads before the next page.
    expect(org.apiUsage().used - before).toBe(7);
  });

  it('when a batch size is asked, then it counts child rows too', async () => {
    const page = await conn.query<AccountRow>(soql.replace('FROM Account', "FROM Account WHERE Name != 'Account 0000'"), {
      headers: { 'Sforce-Query-Options': 'batchSize=400' },
    });
    expect(page.records).toHaveLength(100);
    expect(rowsOn(page.records)).toBe(400);
  });

  it('when a child set is over the inline limit, then it comes back done:false and its own locator completes it', async () => {
    const first = await conn.query<AccountRow>(soql);
    const big = first.records[0]!.Contacts!;
    expect(big.totalSize).toBe(BIG_SET);
    expect(big.done).toBe(false);
    expect(big.records).toHaveLength(200);
    expect(big.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]{15}-200$/);
    const rest = await conn.request<Page<{ Id: string }>>(big.nextRecordsUrl!);
    expect(rest.done).toBe(true);
    expect(rest.totalSize).toBe(BIG_SET);
    const ids = [...big.records, ...rest.records].map((r) => r.Id);
    expect(new Set(ids).size).toBe(BIG_SET);
    const stored = org.store.children('Contact', 'AccountId', first.records[0]!.Id).map((r) => r.Id);
    expect(ids.sort()).toEqual(stored.sort());
    // Small sets stay whole.
    expect(first.records[1]!.Contacts).toMatchObject({ totalSize: 3, done: true });
  });

  it("when the parent's next page is read first, then the previous page's child locator answers INVALID_QUERY_LOCATOR", async () => {
    const first = await conn.query<AccountRow>(soql);
    const childUrl = first.records[0]!.Contacts!.nextRecordsUrl!;
    await conn.queryMore(first.nextRecordsUrl!);
    await expect(conn.request(childUrl)).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
  });

  it('when a child locator is read before the parent moves on, then the parent still pages on', async () => {
    const first = await conn.query<AccountRow>(soql);
    await conn.request(first.records[0]!.Contacts!.nextRecordsUrl!);
    const second = await conn.queryMore<AccountRow>(first.nextRecordsUrl!);
    expect(second.records[0]!.Name).toBe(`Account ${String(first.records.length).padStart(4, '0')}`);
  });

  it('when two or more long text areas are selected, then a page holds at most 200 rows, children included', async () => {
    const longText = 'SELECT Id, Description, (SELECT Id, Description FROM Contacts) FROM Account ORDER BY Name';
    const first = await restCall(org, conn.accessToken ?? '', `/query?q=${encodeURIComponent(longText)}`);
    const page = first.body as Page<AccountRow>;
    // Account 0 alone: 1 + 200 inline rows is over 200, but a page always holds one parent.
    expect(page.records).toHaveLength(1);
    const second = (await restCall(org, conn.accessToken ?? '', page.nextRecordsUrl!, { headers: { 'Sforce-Query-Options': 'batchSize=2000' } })).body as Page<AccountRow>;
    expect(second.records).toHaveLength(50);
    expect(rowsOn(second.records)).toBe(200);
    // One long text area: the usual 2,000 rows.
    const one = await conn.query<AccountRow>('SELECT Id, Description FROM Account');
    expect(one.records).toHaveLength(2000);
  });
});

describe('a page of open deals with their child rows', () => {
  let org: LocalOrg;
  let conn: Connection;
  beforeAll(async () => {
    org = await startTestOrg({ opportunities: 400 });
    conn = await loggedIn(org);
  });
  afterAll(async () => {
    await org.stop();
  });

  it('when open deals are queried with five child subqueries, then a page holds far fewer than 2,000 deals and at most 2,000 rows', async () => {
    type Deal = Record<string, ChildSet> & { Id: string };
    const relationships = ['OpportunityContactRoles', 'OpportunityHistories', 'Histories', 'Tasks', 'Events'];
    const page = await conn.query<Deal>(
      `SELECT Id, (SELECT Id FROM OpportunityContactRoles), (SELECT Id FROM OpportunityHistories), (SELECT Id FROM Histories),
        (SELECT Id FROM Tasks), (SELECT Id FROM Events) FROM Opportunity WHERE IsClosed = false`,
    );
    const rows = page.records.reduce((sum, deal) => sum + 1 + relationships.reduce((n, rel) => n + (deal[rel]?.records.length ?? 0), 0), 0);
    expect(page.done).toBe(false);
    expect(page.records.length).toBeLessThan(page.totalSize);
    expect(rows).toBeLessThanOrEqual(2000);
    expect(rows).toBeGreaterThan(1900);
  });
});
