// Conformance: date-times have whole seconds, and SystemModstamp moves on system updates where
// LastModifiedDate does not (Object Reference, System Fields).
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, startTestOrg } from '../support/local-org.js';

type Audit = { Id: string; CreatedDate: string; LastModifiedDate: string; LastModifiedById: string; SystemModstamp: string; LastActivityDate: string | null };

describe('whole-second timestamps and SystemModstamp', () => {
  let org: LocalOrg;
  let conn: Connection;
  beforeAll(async () => {
    // A start time with milliseconds: stamps still end in .000.
    org = await startTestOrg({ asOf: new Date('2026-03-31T12:00:00.789Z') });
    conn = await loggedIn(org);
  });
  afterAll(async () => {
    await org.stop();
  });

  const audit = async (id: string) =>
    (await conn.query<Audit>(`SELECT Id, CreatedDate, LastModifiedDate, LastModifiedById, SystemModstamp, LastActivityDate FROM Opportunity WHERE Id = '${id}'`)).records[0]!;

  it('when a record is written, then its audit stamps and its date-time values end in .000+0000', async () => {
    const account = await conn.sobject('Account').create({ Name: 'Stamped' });
    const id = (account as { id: string }).id;
    const row = (await conn.query<Audit>(`SELECT CreatedDate, LastModifiedDate, SystemModstamp FROM Account WHERE Id = '${id}'`)).records[0]!;
    for (const stamp of [row.CreatedDate, row.LastModifiedDate, row.SystemModstamp]) expect(stamp).toMatch(/T\d{2}:\d{2}:\d{2}\.000\+0000$/);
    const event = await conn.sobject('Event').create({ Subject: 'Demo', StartDateTime: '2026-04-02T10:15:30.678Z', DurationInMinutes: 30 });
    const stored = (await conn.sobject('Event').retrieve((event as { id: string }).id)) as { StartDateTime: string; EndDateTime: string };
    expect(stored.StartDateTime).toBe('2026-04-02T10:15:30.000+0000');
    expect(stored.EndDateTime).toBe('2026-04-02T10:45:30.000+0000');
  });

  it('when a filter literal has a fraction of a second, then it compares to the second as stored values do', async () => {
    const event = await conn.sobject('Event').create({ Subject: 'Exact', StartDateTime: '2026-04-03T09:00:00Z', DurationInMinutes: 30 });
    const id = (event as { id: string }).id;
    const found = await conn.query(`SELECT Id FROM Event WHERE Id = '${id}' AND StartDateTime = 2026-04-03T09:00:00.400Z`);
    expect(found.totalSize).toBe(1);
  });

  it("when a Task changes its deal's LastActivityDate, then the deal's SystemModstamp moves and LastModifiedDate and LastModifiedById stay", async () => {
    const deal = (await conn.query<{ Id: string }>('SELECT Id FROM Opportunity WHERE IsClosed = false ORDER BY Id LIMIT 1')).records[0]!;
    // The demo deal was last modified before the org's start, so a stamp of now is later.
    const before = await audit(deal.Id);
    await conn.sobject('Task').create({ Subject: 'Call', Status: 'Completed', ActivityDate: '2026-03-31', WhatId: deal.Id });
    const after = await audit(deal.Id);
    expect(after.LastActivityDate).toBe('2026-03-31');
    expect(after.LastModifiedDate).toBe(before.LastModifiedDate);
    expect(after.LastModifiedById).toBe(before.LastModifiedById);
    expect(after.SystemModstamp > before.SystemModstamp).toBe(true);
    expect(after.SystemModstamp).toMatch(/\.000\+0000$/);
  });
});
