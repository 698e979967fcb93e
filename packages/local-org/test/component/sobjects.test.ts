import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, restCall, startTestOrg } from '../support/local-org.js';

let org: LocalOrg;
let conn: Connection;
beforeAll(async () => {
  org = await startTestOrg();
  conn = await loggedIn(org);
});
afterAll(async () => {
  await org.stop();
});

describe('local org describe', () => {
  it('when jsforce describes Opportunity, then fields, picklists, references and child relationships are there', async () => {
    const describe = await conn.describe('Opportunity');
    expect(describe.name).toBe('Opportunity');
    expect(describe.keyPrefix).toBe('006');
    const stage = describe.fields.find((f) => f.name === 'StageName');
    expect(stage?.type).toBe('picklist');
    expect((stage?.picklistValues ?? []).map((p: { value: string }) => p.value)).toContain('Closed Won');
    const account = describe.fields.find((f) => f.name === 'AccountId');
    expect(account).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' });
    expect(describe.fields.some((f) => f.name === 'Deal_Risk_Score__c' && f.custom)).toBe(true);
    expect(describe.childRelationships.map((r) => r.relationshipName)).toEqual(
      expect.arrayContaining(['OpportunityContactRoles', 'OpportunityHistories', 'Tasks', 'Events']),
    );
  });

  it('when jsforce asks describeGlobal, then every standard object dealrisk reads is listed', async () => {
    const global = await conn.describeGlobal();
    const names = global.sobjects.map((s) => s.name);
    for (const name of ['Organization', 'User', 'Account', 'Contact', 'Opportunity', 'OpportunityStage', 'OpportunityContactRole', 'OpportunityHistory', 'OpportunityFieldHistory', 'Task', 'Event']) {
      expect(names).toContain(name);
    }
    const basic = await restCall(org, conn.accessToken ?? '', '/sobjects/Opportunity');
    expect(basic.body).toMatchObject({ objectDescribe: { name: 'Opportunity', keyPrefix: '006' }, recentItems: [] });
  });

  it('when an unknown object is described, then 404 NOT_FOUND', async () => {
    const response = await restCall(org, conn.accessToken ?? '', '/sobjects/Widget__c/describe');
    expect(response.status).toBe(404);
    expect(response.body).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });
});

describe('local org single-record REST', () => {
  it('when an Account is created, read, updated and deleted, then each step answers like Salesforce', async () => {
    const token = conn.accessToken ?? '';
    const created = await restCall(org, token, '/sobjects/Account', { method: 'POST', body: { Name: 'Acme Rockets' } });
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };
    expect(created.body).toEqual({ id, success: true, errors: [] });
    expect(id).toMatch(/^001[A-Za-z0-9]{15}$/);

    const read = await conn.sobject('Account').retrieve(id);
    expect(read).toMatchObject({ Id: id, Name: 'Acme Rockets', CreatedById: org.userId, attributes: { type: 'Account' } });

    const patched = await restCall(org, token, `/sobjects/Account/${id}`, { method: 'PATCH', body: { Name: 'Acme Rockets Ltd' } });
    expect(patched.status).toBe(204);
    expect(org.store.retrieve('Account', id)?.Name).toBe('Acme Rockets Ltd');

    const only = await restCall(org, token, `/sobjects/Account/${id.slice(0, 15)}?fields=Name`);
    expect(only.body).toEqual({ attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${id}` }, Name: 'Acme Rockets Ltd' });

    const deleted = await restCall(org, token, `/sobjects/Account/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    const gone = await restCall(org, token, `/sobjects/Account/${id}`);
    expect(gone.status).toBe(404);
    expect((gone.body as { errorCode: string }[])[0]?.errorCode).toBe('NOT_FOUND');
    const again = await restCall(org, token, `/sobjects/Account/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect((again.body as { errorCode: string }[])[0]?.errorCode).toBe('ENTITY_IS_DELETED');
  });

  it('when a Task is upserted by its external id twice, then the first creates (201) and the second updates (200, created:false)', async () => {
    const token = conn.accessToken ?? '';
    const first = await restCall(org, token, '/sobjects/Task/Deal_Risk_Key__c/single-key-1', { method: 'PATCH', body: { Subject: 'Call the champion' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ success: true, created: true });
    const second = await restCall(org, token, '/sobjects/Task/Deal_Risk_Key__c/single-key-1', { method: 'PATCH', body: { Subject: 'Call the champion again' } });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: (first.body as { id: string }).id, success: true, created: false });
    const byKey = await restCall(org, token, '/sobjects/Task/Deal_Risk_Key__c/single-key-1?fields=Subject');
    expect((byKey.body as { Subject: string }).Subject).toBe('Call the champion again');
    // External ids compare case-insensitively, for the read as for the upsert.
    const byUpperKey = await restCall(org, token, '/sobjects/Task/Deal_Risk_Key__c/SINGLE-KEY-1?fields=Subject');
    expect(byUpperKey.status).toBe(200);
    expect((byUpperKey.body as { Subject: string }).Subject).toBe('Call the champion again');
  });

  it('when updated/ and deleted/ are asked for a window, then they list what changed in it', async () => {
    const start = new Date(org.store.clock.now().getTime() - 60_000);
    const [a, b] = await conn.sobject('Account').create([{ Name: 'Window One' }, { Name: 'Window Two' }]);
    await conn.sobject('Account').destroy(b!.id!);
    const end = new Date(org.store.clock.now().getTime() + 120_000);
    const updated = await conn.sobject('Account').updated(start.toISOString(), end.toISOString());
    expect(updated.ids).toContain(a!.id);
    expect(updated.ids).not.toContain(b!.id);
    expect(updated.latestDateCovered).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    const deleted = await conn.sobject('Account').deleted(start.toISOString(), end.toISOString());
    const deletedIds = deleted.deletedRecords.map((d) => d.id);
    expect(deletedIds).toContain(b!.id);
    expect(deletedIds).not.toContain(a!.id);
    const tooOld = await restCall(org, conn.accessToken ?? '', `/sobjects/Account/updated?start=2020-01-01T00:00:00Z&end=${encodeURIComponent(end.toISOString())}`);
    expect(tooOld.status).toBe(400);
  });
});
