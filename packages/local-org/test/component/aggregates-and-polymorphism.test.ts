import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, restCall, startTestOrg } from '../support/local-org.js';

let org: LocalOrg;
let conn: Connection;
beforeAll(async () => {
  // 400 deals: more Tasks than one 200-row page holds groups of.
  org = await startTestOrg({ opportunities: 400 });
  conn = await loggedIn(org);
});
afterAll(async () => {
  await org.stop();
});

type NameRecord = { attributes: { type: string; url: string }; Name: string | null; Type: string; Email?: string | null };

describe('local org aggregate queries', () => {
  it('when a GROUP BY result is larger than one batch, then EXCEEDED_ID_LIMIT (aggregates have no queryMore); within a batch it answers', async () => {
    const soql = 'SELECT WhatId, COUNT(Id) FROM Task GROUP BY WhatId';
    await expect(conn.query(soql)).resolves.toMatchObject({ done: true });
    const paged = await restCall(org, conn.accessToken ?? '', `/query?q=${encodeURIComponent(soql)}`, { headers: { 'sforce-query-options': 'batchSize=200' } });
    expect(paged.status).toBe(400);
    expect(paged.body).toEqual([{ errorCode: 'EXCEEDED_ID_LIMIT', message: 'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch' }]);
    const limited = await restCall(org, conn.accessToken ?? '', `/query?q=${encodeURIComponent(`${soql} LIMIT 200`)}`, { headers: { 'sforce-query-options': 'batchSize=200' } });
    expect(limited.status).toBe(200);
  });

  it('when LIMIT comes with an aggregate function but no GROUP BY, then MALFORMED_QUERY; COUNT() with LIMIT is fine', async () => {
    await expect(conn.query('SELECT MAX(CreatedDate) FROM Account LIMIT 1')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    await expect(conn.query('SELECT Name, MAX(CreatedDate) FROM Account GROUP BY Name LIMIT 5')).resolves.toMatchObject({ totalSize: 5 });
    await expect(conn.query('SELECT COUNT() FROM Account LIMIT 10')).resolves.toMatchObject({ totalSize: 10 });
  });
});

describe('local org polymorphic relationships', () => {
  it('when Who.* and What.* are selected, then they resolve to Name fields only, Who.Type and What.Type included', async () => {
    const result = await conn.query<{ Who: NameRecord | null; What: NameRecord }>(
      "SELECT Id, Who.Name, Who.Type, Who.Email, What.Name, What.Type FROM Task WHERE WhoId != null AND What.Type = 'Opportunity' LIMIT 5",
    );
    expect(result.records).toHaveLength(5);
    for (const task of result.records) {
      expect(task.Who).toMatchObject({ attributes: { type: 'Name' }, Type: 'Contact' });
      expect(task.Who!.attributes.url).toMatch(/\/sobjects\/Contact\/003/);
      expect(task.What).toMatchObject({ attributes: { type: 'Name' }, Type: 'Opportunity' });
    }
    // Opportunity's own fields are not Name fields.
    await expect(conn.query('SELECT What.Amount FROM Task')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await expect(conn.query('SELECT Who.Account.Name FROM Task')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    const leads = await conn.query<{ Who: NameRecord }>("SELECT Who.Name, Who.Type FROM Task WHERE Who.Type = 'Lead'");
    expect(leads.totalSize).toBeGreaterThan(0);
    expect(leads.records.every((r) => r.Who.Type === 'Lead')).toBe(true);
  });

  it('when TYPEOF picks fields by object, then each record carries its branch (or ELSE) with its real type', async () => {
    const result = await conn.query<{ What: { attributes: { type: string }; Amount?: number; Name: string } | null; WhatId: string | null }>(
      'SELECT Id, WhatId, TYPEOF What WHEN Opportunity THEN Name, Amount, StageName ELSE Name END FROM Task LIMIT 50',
    );
    const withWhat = result.records.filter((r) => r.WhatId !== null);
    expect(withWhat.length).toBeGreaterThan(0);
    for (const task of withWhat) {
      expect(task.What).toMatchObject({ attributes: { type: 'Opportunity' } });
      expect(task.What).toHaveProperty('Amount');
      expect(task.What).toHaveProperty('StageName');
    }
    await expect(conn.query('SELECT TYPEOF Owner WHEN User THEN Name END FROM Task')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
  });
});
