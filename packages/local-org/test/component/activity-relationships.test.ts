// The ActivityHistories and OpenActivities relationships through jsforce 3.10.16, on the exact
// three-opportunity fixture (org clock 2026-03-31T12:00Z): closed Tasks and past Events on one
// side, open Tasks and Events still to come on the other.
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, restCall, startTestOrg } from '../support/local-org.js';

const FIXTURE = 'test/fixtures/three-opportunities.json';
const ACCOUNT = '001000000000001AAA';
const MAYA = '003000000000001AAA';
const OPEN_DEAL = '006000000000003AAA';

let org: LocalOrg;
let conn: Connection;
beforeAll(async () => {
  org = await startTestOrg({ dataset: new URL(`../../${FIXTURE}`, import.meta.url).pathname });
  conn = await loggedIn(org);
});
afterAll(async () => {
  await org.stop();
});

interface ActivityRow {
  attributes: { type: string };
  Id: string;
  Subject: string;
  IsTask: boolean;
  IsClosed: boolean;
  ActivityDate: string;
  ActivitySubtype: string;
  Owner: { Name: string } | null;
  What: { Name: string } | null;
}
interface WithActivities {
  ActivityHistories: { totalSize: number; records: ActivityRow[] } | null;
  OpenActivities: { totalSize: number; records: ActivityRow[] } | null;
}

async function activitiesOf(object: string, id: string): Promise<WithActivities> {
  const result = await conn.query<WithActivities>(
    `SELECT Id,
       (SELECT Id, Subject, IsTask, IsClosed, ActivityDate, ActivitySubtype, Owner.Name, What.Name FROM ActivityHistories ORDER BY ActivityDate DESC, LastModifiedDate DESC),
       (SELECT Id, Subject, IsTask, IsClosed, ActivityDate, ActivitySubtype, Owner.Name, What.Name FROM OpenActivities ORDER BY ActivityDate ASC NULLS LAST, LastModifiedDate DESC)
     FROM ${object} WHERE Id = '${id}'`,
  );
  return result.records[0]!;
}

const subjectsOf = (set: { records: ActivityRow[] } | null) => (set?.records ?? []).map((r) => r.Subject);

describe('local org ActivityHistories and OpenActivities', () => {
  it('when an open deal is queried with both relationships, then closed Tasks and past Events are history, the open Task is open, each as its view type', async () => {
    const deal = await activitiesOf('Opportunity', OPEN_DEAL);
    expect(subjectsOf(deal.ActivityHistories)).toEqual(['Forecast review', 'Internal deal review']);
    expect(deal.ActivityHistories!.records.map((r) => [r.attributes.type, r.IsTask, r.IsClosed, r.ActivitySubtype])).toEqual([
      ['ActivityHistory', false, true, 'Event'],
      ['ActivityHistory', true, true, 'Task'],
    ]);
    expect(deal.ActivityHistories!.records[0]).toMatchObject({ Id: '00U000000000004EAA', Owner: { Name: 'Riley Rep' }, What: { Name: 'Acme Analytics - Services Package' } });
    expect(subjectsOf(deal.OpenActivities)).toEqual(['Follow up on next steps']);
    expect(deal.OpenActivities!.records[0]).toMatchObject({ attributes: { type: 'OpenActivity' }, Id: '00T000000000005EAA', IsTask: true, IsClosed: false });
  });

  it('when a meeting is booked and the open Task completed, then the meeting is open and the Task moves to history', async () => {
    const booked = await conn.sobject('Event').create({
      Subject: 'Redline walkthrough',
      WhatId: OPEN_DEAL,
      WhoId: '003000000000003AAA',
      StartDateTime: '2026-04-02T15:00:00.000+0000',
      DurationInMinutes: 45,
    });
    await conn.sobject('Task').update({ Id: '00T000000000005EAA', Status: 'Completed' });
    const deal = await activitiesOf('Opportunity', OPEN_DEAL);
    expect(subjectsOf(deal.OpenActivities)).toEqual(['Redline walkthrough']);
    expect(deal.OpenActivities!.records[0]).toMatchObject({ Id: booked.id, IsTask: false, IsClosed: false });
    expect(subjectsOf(deal.ActivityHistories)).toContain('Follow up on next steps');
  });

  it('when an Account includes ActivityHistories as jsforce builds it, then it holds the activities of its contacts and deals (by AccountId)', async () => {
    const accounts = await conn
      .sobject('Account')
      .find({ Type: ['Customer - Direct', 'Customer - Channel'] })
      .include('ActivityHistories')
      .select(['Id', 'Subject', 'ActivityDate', 'IsClosed', { Owner: ['Id', 'Username', 'Email'], What: ['Name'] }])
      .end();
    expect(accounts).toHaveLength(1);
    const history = (accounts[0] as unknown as WithActivities).ActivityHistories!;
    const closedTasks = [...org.store.rows('Task')].filter((t) => t.AccountId === ACCOUNT && t.IsClosed === true).length;
    const pastEvents = [...org.store.rows('Event')].filter((e) => e.AccountId === ACCOUNT && String(e.EndDateTime) < '2026-03-31T12:00:00.000+0000').length;
    expect(history.totalSize).toBe(closedTasks + pastEvents);
    expect(history.totalSize).toBeGreaterThanOrEqual(8);
    expect(history.records.every((r) => r.IsClosed)).toBe(true);
  });

  it('when a Contact is queried, then its ActivityHistories are the activities it is the Who of', async () => {
    const maya = await activitiesOf('Contact', MAYA);
    expect(subjectsOf(maya.ActivityHistories).sort()).toEqual(['Business case review', 'Proposal review', 'Re: Proposal']);
    expect(maya.OpenActivities).toBeNull();
  });

  it('when a subquery filters the view, then WHERE applies to its own fields', async () => {
    const result = await conn.query<WithActivities>(
      `SELECT Id, (SELECT Subject FROM ActivityHistories WHERE IsTask = true AND ActivityType = 'Email') FROM Account WHERE Id = '${ACCOUNT}'`,
    );
    expect(subjectsOf(result.records[0]!.ActivityHistories).sort()).toEqual(['Re: Proposal', 'Sent follow-up email']);
  });

  it('when ActivityHistory is queried, written or replicated on its own, then it is refused; describe says why', async () => {
    await expect(conn.query('SELECT Id FROM ActivityHistory')).rejects.toMatchObject({
      errorCode: 'INVALID_TYPE_FOR_OPERATION',
      message: 'entity type ActivityHistory does not support query',
    });
    await expect(conn.query('SELECT Id FROM Task WHERE Id IN (SELECT Id FROM OpenActivity)')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE_FOR_OPERATION' });
    const describe = await conn.describe('ActivityHistory');
    expect(describe).toMatchObject({ queryable: false, createable: false, updateable: false, deletable: false, retrieveable: false, keyPrefix: null });
    expect(describe.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['IsTask', 'ActivitySubtype', 'WhatId', 'Deal_Risk_Key__c']));
    expect(describe.fields.every((f) => !f.createable && !f.updateable)).toBe(true);
    const account = await conn.describe('Account');
    expect(account.childRelationships.filter((r) => r.childSObject === 'ActivityHistory' || r.childSObject === 'OpenActivity')).toEqual([
      expect.objectContaining({ relationshipName: 'ActivityHistories', field: 'AccountId' }),
      expect.objectContaining({ relationshipName: 'OpenActivities', field: 'AccountId' }),
    ]);
    const create = await restCall(org, conn.accessToken ?? '', '/sobjects/ActivityHistory', { method: 'POST', body: { Subject: 'x' } });
    expect((create.body as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
    const updated = await restCall(org, conn.accessToken ?? '', '/sobjects/OpenActivity/updated?start=2026-03-30T00:00:00Z&end=2026-03-31T00:00:00Z');
    expect((updated.body as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
  });
});
