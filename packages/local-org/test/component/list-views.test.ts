import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeId } from '../../src/ids.js';
import type { LocalOrg } from '../../src/server.js';
import { passwordGrantParams, restCall, startTestOrg, tokenCall } from '../support/local-org.js';
import { listViewSource } from '../support/list-view-source.js';

interface Results {
  columns: { fieldNameOrPath: string; hidden: boolean }[];
  developerName: string;
  done: boolean;
  size: number;
  records: { columns: { fieldNameOrPath: string; value: string | null }[] }[];
}

let org: LocalOrg;
let token: string;
const OWNER = makeId('005', 1);
beforeAll(async () => {
  org = await startTestOrg({ sourceDirs: [listViewSource()] });
  token = (await tokenCall(org, passwordGrantParams(org))).body.access_token as string;
  // Score some open deals: every fifth High, some owned by someone else.
  const open = [...org.store.rows('Opportunity')].filter((o) => o.IsClosed === false);
  open.forEach((o, i) =>
    org.store.update('Opportunity', o.Id, { Deal_Risk_Level__c: i % 3 === 0 ? 'High' : 'Low', Deal_Risk_Score__c: 50 + i, ...(i % 6 === 0 ? { OwnerId: OWNER } : {}) }, OWNER),
  );
});
afterAll(async () => {
  await org.stop();
});

const cell = (row: Results['records'][number], path: string) => row.columns.find((c) => c.fieldNameOrPath === path)?.value;

describe('list views from source metadata', () => {
  it('when the list views of Opportunity are listed, then each has its describe and results URLs', async () => {
    const { status, body } = await restCall(org, token, '/sobjects/Opportunity/listviews');
    expect(status).toBe(200);
    const { listviews, size, sobjectType } = body as { listviews: { developerName: string; id: string; resultsUrl: string }[]; size: number; sobjectType: string };
    expect(sobjectType).toBe('Opportunity');
    expect(size).toBe(2);
    expect(listviews.map((l) => l.developerName)).toEqual(['High_risk', 'My_high_risk']);
    expect(listviews[0]!.resultsUrl).toBe(`/services/data/v62.0/sobjects/Opportunity/listviews/${listviews[0]!.id}/results`);
    expect((await restCall(org, token, '/sobjects/Contact/listviews')).body).toMatchObject({ size: 0, listviews: [] });
  });

  it('when a list view is described, then its SOQL, columns, filter and order are as Salesforce composes them', async () => {
    const id = makeId('00B', 1);
    const { body } = await restCall(org, token, `/sobjects/Opportunity/listviews/${id}/describe`);
    expect(body).toMatchObject({
      id: id.slice(0, 15),
      sobjectType: 'Opportunity',
      scope: null,
      whereCondition: { field: 'Deal_Risk_Level__c', operator: 'equals', values: ['High'] },
      orderBy: [{ fieldNameOrPath: 'Name', sortDirection: 'ascending', nullsPosition: 'first' }, { fieldNameOrPath: 'Id' }],
      query: "SELECT Name, Account.Name, Deal_Risk_Score__c, StageName, Owner.Name, Id, CreatedDate, LastModifiedDate, SystemModstamp FROM Opportunity WHERE Deal_Risk_Level__c = 'High' ORDER BY Name ASC NULLS FIRST, Id ASC NULLS FIRST",
    });
  });

  it('when the results are read, then they are exactly the matching records, paged by limit and offset', async () => {
    const high = [...org.store.rows('Opportunity')].filter((o) => o.Deal_Risk_Level__c === 'High').map((o) => o.Id).sort();
    expect(high.length).toBeGreaterThan(3);
    const all = (await restCall(org, token, `/sobjects/Opportunity/listviews/${makeId('00B', 1)}/results?limit=2000`)).body as Results;
    expect(all.size).toBe(high.length);
    expect(all.done).toBe(true);
    expect(all.records.map((r) => cell(r, 'Id')).sort()).toEqual(high);
    expect(all.columns.filter((c) => c.hidden).map((c) => c.fieldNameOrPath)).toEqual(['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp']);
    const names = all.records.map((r) => cell(r, 'Name')!);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(cell(all.records[0]!, 'CreatedDate')).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} GMT \d{4}$/);
    const page = (await restCall(org, token, `/sobjects/Opportunity/listviews/${makeId('00B', 1)}/results?limit=2&offset=1`)).body as Results;
    expect(page.records.map((r) => cell(r, 'Id'))).toEqual(all.records.slice(1, 3).map((r) => cell(r, 'Id')));
    expect(page.done).toBe(high.length <= 3);
  });

  it("when a Mine list view is read, then only the user's own matching records come back", async () => {
    const mine = [...org.store.rows('Opportunity')].filter((o) => o.Deal_Risk_Level__c === 'High' && o.OwnerId === OWNER).map((o) => o.Id).sort();
    expect(mine.length).toBeGreaterThan(0);
    const results = (await restCall(org, token, `/sobjects/Opportunity/listviews/${makeId('00B', 2)}/results?limit=2000`)).body as Results;
    expect(results.size).toBeLessThan([...org.store.rows('Opportunity')].filter((o) => o.Deal_Risk_Level__c === 'High').length);
    expect(results.records.map((r) => cell(r, 'Id')).sort()).toEqual(mine);
  });

  it('when the list view id or object is wrong, then the answer is 404 NOT_FOUND', async () => {
    expect((await restCall(org, token, `/sobjects/Contact/listviews/${makeId('00B', 1)}/results`)).status).toBe(404);
    expect((await restCall(org, token, `/sobjects/Opportunity/listviews/${makeId('00B', 9)}/describe`)).status).toBe(404);
  });
});
