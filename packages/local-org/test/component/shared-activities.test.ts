import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { connectionFor, loggedIn, startTestOrg } from '../support/local-org.js';

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

type Who = { RelationId: string; Type: string };
type Child<T> = { totalSize: number; records: T[] } | null;

async function createContacts(count: number): Promise<string[]> {
  const results = await conn.sobject('Contact').create(Array.from({ length: count }, (_, i) => ({ LastName: `Shared ${i}`, AccountId: accountId })));
  return results.map((r) => {
    if (!r.success) throw new Error(JSON.stringify(r));
    return r.id;
  });
}

async function createOne(type: string, fields: Record<string, unknown>): Promise<string> {
  const result = await conn.sobject(type).create(fields);
  if (!result.success) throw new Error(JSON.stringify(result));
  return result.id;
}

const whoOf = async (taskId: string) =>
  (await conn.query<Who & { TaskId: string }>(`SELECT TaskId, RelationId, Type FROM TaskWhoRelation WHERE TaskId = '${taskId}' ORDER BY CreatedDate, Id`)).records;

describe('local org shared activities (TaskRelation/TaskWhoRelation, EventRelation/EventWhoRelation)', () => {
  it('when the demo org is read, then meetings have several customer contacts through EventWhoRelations, WhoId among them', async () => {
    const result = await conn.query<{ Id: string; Events: Child<{ WhoId: string; EventWhoRelations: Child<Who> }> }>(
      "SELECT Id, (SELECT Id, WhoId, (SELECT RelationId, Type FROM EventWhoRelations) FROM Events WHERE Type = 'Meeting') FROM Opportunity",
      { autoFetch: true, maxFetch: 10_000 },
    );
    const meetings = result.records.flatMap((opp) => opp.Events?.records ?? []);
    const shared = meetings.filter((m) => (m.EventWhoRelations?.totalSize ?? 0) >= 2);
    expect(shared.length).toBeGreaterThan(0);
    for (const meeting of meetings) {
      const people = meeting.EventWhoRelations!.records;
      expect(people.map((p) => p.RelationId)).toContain(meeting.WhoId);
      expect(people.every((p) => p.Type === 'Contact')).toBe(true);
    }
  });

  it('when a contact is added to a Task, then TaskWhoRelations lists both and the WhoId stays the primary', async () => {
    const [primary, other] = await createContacts(2);
    const taskId = await createOne('Task', { Subject: 'Call with two', WhoId: primary, Status: 'Completed' });
    await createOne('TaskRelation', { TaskId: taskId, RelationId: other });
    expect(await whoOf(taskId)).toEqual([
      expect.objectContaining({ RelationId: primary, Type: 'Contact' }),
      expect.objectContaining({ RelationId: other, Type: 'Contact' }),
    ]);
    const nested = await conn.query<{ Tasks: Child<{ WhoId: string; TaskWhoRelations: Child<Who> }> }>(
      `SELECT Id, (SELECT WhoId, (SELECT RelationId, Type FROM TaskWhoRelations) FROM Tasks WHERE Id = '${taskId}') FROM Contact WHERE Id = '${primary}'`,
    );
    const task = nested.records[0]!.Tasks!.records[0]!;
    expect(task.WhoId).toBe(primary);
    expect(task.TaskWhoRelations!.records.map((r) => r.RelationId).sort()).toEqual([primary, other].sort());
    const relations = await conn.query<{ RelationId: string; IsWhat: boolean }>(`SELECT RelationId, IsWhat FROM TaskRelation WHERE TaskId = '${taskId}'`);
    expect(relations.totalSize).toBe(2);
    expect(relations.records.every((r) => r.IsWhat === false)).toBe(true);
  });

  it('when a Task would relate to a 51st contact, then FIELD_INTEGRITY_EXCEPTION; a duplicate contact is DUPLICATE_VALUE', async () => {
    const contacts = await createContacts(51);
    const taskId = await createOne('Task', { Subject: 'Big meeting notes', WhoId: contacts[0] });
    const added = await conn.sobject('TaskRelation').create(contacts.slice(1, 50).map((id) => ({ TaskId: taskId, RelationId: id })));
    expect(added.every((r) => r.success)).toBe(true);
    expect((await whoOf(taskId)).length).toBe(50);
    await expect(conn.sobject('TaskRelation').create({ TaskId: taskId, RelationId: contacts[50] })).rejects.toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
    await expect(conn.sobject('TaskRelation').create({ TaskId: taskId, RelationId: contacts[1] })).rejects.toMatchObject({ errorCode: 'DUPLICATE_VALUE' });
  });

  it('when WhoId is a Lead, then Who.Type says so; a lead shares an activity with nobody and with no WhatId', async () => {
    const leadId = await createOne('Lead', { LastName: 'Inbound', Company: 'Prospect Co' });
    const taskId = await createOne('Task', { Subject: 'Call the lead', WhoId: leadId });
    expect(await whoOf(taskId)).toEqual([expect.objectContaining({ RelationId: leadId, Type: 'Lead' })]);
    const [contact] = await createContacts(1);
    await expect(conn.sobject('TaskRelation').create({ TaskId: taskId, RelationId: contact })).rejects.toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
    const opportunityId = [...org.store.rows('Opportunity')][0]!.Id;
    await expect(conn.sobject('Task').create({ Subject: 'Lead on a deal', WhoId: leadId, WhatId: opportunityId })).rejects.toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
  });

  it('when the primary contact relation is deleted, then another contact is promoted to WhoId; deleting the Task hides its relations from query', async () => {
    const [primary, other] = await createContacts(2);
    const eventId = await createOne('Event', { Subject: 'Workshop', WhoId: primary, StartDateTime: '2026-03-30T10:00:00.000Z', DurationInMinutes: 60 });
    await createOne('EventRelation', { EventId: eventId, RelationId: other });
    const primaryRelation = (await conn.query<{ Id: string }>(`SELECT Id FROM EventRelation WHERE EventId = '${eventId}' AND RelationId = '${primary}'`)).records[0]!;
    await conn.sobject('EventRelation').destroy(primaryRelation.Id);
    expect((await conn.sobject('Event').retrieve(eventId)).WhoId).toBe(other);
    const people = await conn.query<Who>(`SELECT RelationId, Type FROM EventWhoRelation WHERE EventId = '${eventId}'`);
    expect(people.records.map((r) => r.RelationId)).toEqual([other]);

    await conn.sobject('Event').destroy(eventId);
    expect((await conn.query(`SELECT Id FROM EventRelation WHERE EventId = '${eventId}'`)).totalSize).toBe(0);
    expect((await conn.query(`SELECT Id FROM EventRelation WHERE EventId = '${eventId}'`, { scanAll: true })).totalSize).toBe(2);
  });

  it('when a child subquery nests another before API 58.0, then MALFORMED_QUERY; from 58.0 it is served', async () => {
    const soql = 'SELECT Id, (SELECT Id, (SELECT RelationId FROM TaskWhoRelations) FROM Tasks) FROM Opportunity LIMIT 1';
    const v57 = connectionFor(org, { version: '57.0', instanceUrl: conn.instanceUrl, accessToken: conn.accessToken });
    await expect(v57.query(soql)).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    const v58 = connectionFor(org, { version: '58.0', instanceUrl: conn.instanceUrl, accessToken: conn.accessToken });
    await expect(v58.query(soql)).resolves.toMatchObject({ totalSize: 1 });
  });
});
