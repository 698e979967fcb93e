// Conformance: archived activities (SOAP API Developer Guide, queryAll(): "You can't use query()
// as it automatically filters out all records where isArchived is set to true").
import type { Connection } from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { makeId } from '../../src/ids.js';
import type { DatasetFile } from '../../src/model.js';
import type { LocalOrg, LocalOrgOptions } from '../../src/server.js';
import { loggedIn, startTestOrg, TEST_AS_OF } from '../support/local-org.js';

const USER = makeId('005', 1);
const DEAL = makeId('006', 1);
const task = (n: number) => makeId('00T', n);
const event = (n: number) => makeId('00U', n);

/** Days before the tests' "today" (2026-03-31), as a date and as a date-time. */
const daysAgo = (days: number) => new Date(TEST_AS_OF.getTime() - days * 86_400_000).toISOString();
const dayOf = (days: number) => daysAgo(days).slice(0, 10);
const at = (days: number) => daysAgo(days).replace('Z', '+0000');

function dataset(): DatasetFile {
  return {
    records: {
      User: [{ Id: USER, Username: 'demo@dealrisk.local', LastName: 'Demo', Email: 'demo@dealrisk.local', Alias: 'demo' }],
      Opportunity: [{ Id: DEAL, Name: 'Old deal', StageName: 'Prospecting', CloseDate: '2026-06-30', CreatedDate: at(800) }],
      Task: [
        // Closed and due 400 days ago: archived.
        { Id: task(1), Subject: 'old call', Status: 'Completed', ActivityDate: dayOf(400), WhatId: DEAL, CreatedDate: at(400) },
        // Closed, no due date, created 400 days ago: archived.
        { Id: task(2), Subject: 'old note', Status: 'Completed', ActivityDate: null, WhatId: DEAL, CreatedDate: at(400) },
        // Open however old: never archived.
        { Id: task(3), Subject: 'old open task', Status: 'Not Started', ActivityDate: dayOf(400), WhatId: DEAL, CreatedDate: at(400) },
        // Closed 300 days ago: not yet.
        { Id: task(4), Subject: 'recent call', Status: 'Completed', ActivityDate: dayOf(300), WhatId: DEAL, CreatedDate: at(300) },
      ],
      Event: [
        { Id: event(1), Subject: 'old meeting', StartDateTime: at(370), DurationInMinutes: 60, WhatId: DEAL, CreatedDate: at(380) },
        { Id: event(2), Subject: 'recent meeting', StartDateTime: at(30), DurationInMinutes: 60, WhatId: DEAL, CreatedDate: at(40) },
      ],
    },
  };
}

type Row = { Id: string; IsArchived?: boolean };
type Deal = { Id: string; Tasks: { records: Row[] } | null; Events: { records: Row[] } | null; ActivityHistories: { records: Row[] } | null };

describe('archived activities', () => {
  let org: LocalOrg | undefined;
  let conn: Connection;
  const start = async (options: LocalOrgOptions = {}) => {
    org = await startTestOrg({ dataset: dataset(), ...options });
    conn = await loggedIn(org);
  };
  afterEach(async () => {
    await org?.stop();
    org = undefined;
  });
  const ids = (rows: { records: Row[] } | null | undefined) => (rows?.records ?? []).map((r) => r.Id).sort();

  it('when Tasks and Events are queried, then query leaves out the archived ones and queryAll (jsforce scanAll) returns them flagged', async () => {
    await start();
    const live = await conn.query<Row>('SELECT Id, IsArchived FROM Task');
    expect(ids(live)).toEqual([task(3), task(4)]);
    const all = await conn.query<Row>('SELECT Id, IsArchived FROM Task WHERE IsDeleted = false ORDER BY Id', { scanAll: true });
    expect(all.records.map((r) => [r.Id, r.IsArchived])).toEqual([
      [task(1), true],
      [task(2), true],
      [task(3), false],
      [task(4), false],
    ]);
    expect(ids(await conn.query<Row>('SELECT Id FROM Event'))).toEqual([event(2)]);
    expect(ids(await conn.query<Row>('SELECT Id FROM Event WHERE IsArchived = true', { scanAll: true }))).toEqual([event(1)]);
    expect((await conn.query('SELECT COUNT() FROM Task')).totalSize).toBe(2);
  });

  it('when a deal is read with activity subqueries, then query leaves archived children out and queryAll keeps them', async () => {
    await start();
    const soql = 'SELECT Id, (SELECT Id FROM Tasks), (SELECT Id FROM Events), (SELECT Id FROM ActivityHistories) FROM Opportunity';
    const [live] = (await conn.query<Deal>(soql)).records;
    expect(ids(live!.Tasks)).toEqual([task(3), task(4)]);
    expect(ids(live!.Events)).toEqual([event(2)]);
    expect(ids(live!.ActivityHistories)).toEqual([task(4), event(2)].sort());
    const [all] = (await conn.query<Deal>(soql, { scanAll: true })).records;
    expect(ids(all!.Tasks)).toEqual([task(1), task(2), task(3), task(4)]);
    expect(ids(all!.Events)).toEqual([event(1), event(2)]);
  });

  it('when the archive age is set shorter, then activities past it are archived', async () => {
    await start({ activityArchiveDays: 20 });
    expect(ids(await conn.query<Row>('SELECT Id FROM Task'))).toEqual([task(3)]);
    expect(ids(await conn.query<Row>('SELECT Id FROM Event'))).toEqual([]);
  });

  it('when a client writes a closed Task due two years ago, then it is archived at once and IsArchived is read-only', async () => {
    await start();
    const created = await conn.sobject('Task').create({ Subject: 'backfilled', Status: 'Completed', ActivityDate: dayOf(730), WhatId: DEAL });
    const id = (created as { id: string }).id;
    expect(ids(await conn.query<Row>(`SELECT Id FROM Task WHERE Id = '${id}'`))).toEqual([]);
    expect((await conn.sobject('Task').retrieve(id)) as Row).toMatchObject({ IsArchived: true });
    await expect(conn.sobject('Task').update({ Id: task(4), IsArchived: true } as { Id: string })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    });
  });
});
