// Upserts by external id through jsforce 3.10.16, against an External ID field that is not unique
// (Deal_Risk_Key__c on Activity, as on a real org): ambiguity is refused, never resolved by guessing.
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, restCall, startTestOrg } from '../support/local-org.js';

let org: LocalOrg;
let conn: Connection;
let opportunityId: string;
beforeAll(async () => {
  org = await startTestOrg();
  conn = await loggedIn(org);
  opportunityId = [...org.store.rows('Opportunity')].find((o) => !o.IsDeleted)!.Id;
});
afterAll(async () => {
  await org.stop();
});

interface WireResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
}

/** Two Tasks holding the same key, as duplicates can exist on a field that is not unique. */
async function duplicatedKey(key: string): Promise<string[]> {
  const created = (await conn.sobject('Task').create([
    { Subject: 'First copy', Deal_Risk_Key__c: key, WhatId: opportunityId },
    { Subject: 'Second copy', Deal_Risk_Key__c: key.toUpperCase(), WhatId: opportunityId },
  ])) as WireResult[];
  expect(created.map((r) => r.success)).toEqual([true, true]);
  return created.map((r) => r.id!);
}

const subjects = (ids: string[]) => ids.map((id) => org.store.retrieve('Task', id)?.Subject);

describe('local org upsert by external id', () => {
  it('when a single-record upsert matches several records, then HTTP 300 lists their URLs, jsforce throws MULTIPLE_CHOICES and nothing is written', async () => {
    const ids = await duplicatedKey('ambiguous-1');
    const tasksBefore = [...org.store.rows('Task')].length;
    const error = (await conn
      .sobject('Task')
      .upsert({ Deal_Risk_Key__c: 'ambiguous-1', Subject: 'Which one?' }, 'Deal_Risk_Key__c')
      .catch((e: unknown) => e)) as { name: string; content: unknown };
    expect(error.name).toBe('MULTIPLE_CHOICES');
    expect([...(error.content as string[])].sort()).toEqual(ids.map((id) => `/services/data/v62.0/sobjects/Task/${id}`).sort());
    expect(subjects(ids)).toEqual(['First copy', 'Second copy']);
    expect([...org.store.rows('Task')].length).toBe(tasksBefore);

    const raw = await restCall(org, conn.accessToken ?? '', '/sobjects/Task/Deal_Risk_Key__c/ambiguous-1', { method: 'PATCH', body: { Subject: 'Which one?' } });
    expect(raw.status).toBe(300);
    expect(Array.isArray(raw.body) && raw.body.every((url) => typeof url === 'string')).toBe(true);
  });

  it('when a record is read by an external id several records hold, then 300 lists them too', async () => {
    const ids = await duplicatedKey('ambiguous-2');
    const raw = await restCall(org, conn.accessToken ?? '', '/sobjects/Task/Deal_Risk_Key__c/ambiguous-2');
    expect(raw.status).toBe(300);
    expect([...(raw.body as string[])].sort()).toEqual(ids.map((id) => `/services/data/v62.0/sobjects/Task/${id}`).sort());
  });

  it('when a collection upsert meets an ambiguous key, then that record fails with DUPLICATE_EXTERNAL_ID and the others are written', async () => {
    const ids = await duplicatedKey('ambiguous-3');
    const results = (await conn.sobject('Task').upsert(
      [
        { Deal_Risk_Key__c: 'fresh-3', Subject: 'A new one', WhatId: opportunityId },
        { Deal_Risk_Key__c: 'ambiguous-3', Subject: 'Which one?' },
      ],
      'Deal_Risk_Key__c',
    )) as WireResult[];
    expect(results[0]).toMatchObject({ success: true, created: true });
    expect(results[1]).toEqual({
      success: false,
      created: false,
      errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: expect.stringContaining(ids[0]!) as unknown, fields: ['Deal_Risk_Key__c'] }],
    });
    expect(subjects(ids)).toEqual(['First copy', 'Second copy']);
    expect(org.store.findByExternalId('Task', 'Deal_Risk_Key__c', 'fresh-3')).toHaveLength(1);
  });

  it('when an upsert collection with allOrNone has one bad record, then every result carries created, none an id, and nothing is saved', async () => {
    const [existing] = (await conn.sobject('Task').create([{ Subject: 'Known', Deal_Risk_Key__c: 'aon-known', WhatId: opportunityId }])) as WireResult[];
    const results = (await conn.sobject('Task').upsert(
      [
        { Deal_Risk_Key__c: 'aon-new', Subject: 'Would be created', WhatId: opportunityId },
        { Deal_Risk_Key__c: 'aon-known', Subject: 'Would be updated' },
        { Deal_Risk_Key__c: 'aon-bad', Subject: 'Bad', Status: 'Not A Status' },
      ],
      'Deal_Risk_Key__c',
      { allOrNone: true },
    )) as WireResult[];
    expect(results.map((r) => [r.success, r.created, 'id' in r])).toEqual([
      [false, false, false],
      [false, false, false],
      [false, false, false],
    ]);
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    ]);
    expect(org.store.findByExternalId('Task', 'Deal_Risk_Key__c', 'aon-new')).toHaveLength(0);
    expect(org.store.retrieve('Task', existing!.id!)?.Subject).toBe('Known');
  });

  it('when an upsert collection succeeds, then each result has its id and whether it was created', async () => {
    const results = (await conn.sobject('Task').upsert(
      [
        { Deal_Risk_Key__c: 'ok-1', Subject: 'One', WhatId: opportunityId },
        { Deal_Risk_Key__c: 'ok-1b', Subject: 'Two', WhatId: opportunityId },
      ],
      'Deal_Risk_Key__c',
    )) as WireResult[];
    const again = (await conn.sobject('Task').upsert([{ Deal_Risk_Key__c: 'ok-1', Subject: 'One again' }], 'Deal_Risk_Key__c')) as WireResult[];
    expect(results.map((r) => r.created)).toEqual([true, true]);
    expect(again[0]).toEqual({ id: results[0]!.id, success: true, errors: [], created: false });
  });
});
