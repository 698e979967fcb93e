import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { connectionFor, loggedIn, startTestOrg } from '../support/local-org.js';

let org: LocalOrg;
beforeAll(async () => {
  org = await startTestOrg();
});
afterAll(async () => {
  await org.stop();
});

/** A session on another API version (the login itself is version-free). */
async function onVersion(version: string): Promise<Connection> {
  const base = await loggedIn(org);
  const conn = connectionFor(org, { version, instanceUrl: base.instanceUrl, accessToken: base.accessToken });
  return conn;
}

describe('local org version-gated fields (LastStageChangeDate from API 52.0)', () => {
  it('when v51.0 selects LastStageChangeDate, then INVALID_FIELD; v52.0 reads it', async () => {
    const v51 = await onVersion('51.0');
    await expect(v51.query('SELECT Id, LastStageChangeDate FROM Opportunity')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'LastStageChangeDate' on entity 'Opportunity'") as unknown,
    });
    const v52 = await onVersion('52.0');
    const result = await v52.query<{ LastStageChangeDate: string | null }>('SELECT Id, LastStageChangeDate FROM Opportunity LIMIT 5');
    expect(result.records).toHaveLength(5);
    expect(result.records[0]).toHaveProperty('LastStageChangeDate');
  });

  it('when v51.0 describes or reads an Opportunity, then the field is absent; v62.0 lists it', async () => {
    const v51 = await onVersion('51.0');
    const described = await v51.sobject('Opportunity').describe();
    expect(described.fields.map((f) => f.name)).not.toContain('LastStageChangeDate');
    const id = [...org.store.rows('Opportunity')][0]!.Id;
    const record = await v51.sobject('Opportunity').retrieve(id);
    expect(record).not.toHaveProperty('LastStageChangeDate');
    const v62 = await onVersion('62.0');
    expect((await v62.sobject('Opportunity').describe()).fields.map((f) => f.name)).toContain('LastStageChangeDate');
  });
});

describe('local org field history values', () => {
  it('when OpportunityFieldHistory is ordered by NewValue, then it sorts (as text); filtering on it is still refused', async () => {
    const conn = await loggedIn(org);
    const rows = await conn.query<{ NewValue: unknown }>("SELECT Field, NewValue FROM OpportunityFieldHistory WHERE Field = 'StageName' ORDER BY NewValue, Id");
    const values = rows.records.map((r) => String(r.NewValue).toLowerCase());
    expect(values.length).toBeGreaterThan(1);
    expect(values).toEqual([...values].sort());
    await expect(conn.query('SELECT Id FROM OpportunityFieldHistory ORDER BY OldValue DESC')).resolves.toBeDefined();
    await expect(conn.query("SELECT Id FROM OpportunityFieldHistory WHERE NewValue = 'Closed Won'")).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });
});
