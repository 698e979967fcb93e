import { afterEach, describe, expect, it } from 'vitest';
import type { LocalOrg } from '@dealrisk/local-org';
import { loggedIn, startTestOrg } from '../support/local-org.js';
import { portFor, syncInProcess } from '../support/sync.js';

interface RiskRow {
  Id: string;
  IsClosed: boolean;
  Name: string;
  Deal_Risk_Score__c: number | null;
  Deal_Risk_Level__c: string | null;
  Deal_Risk_Codes__c: string | null;
  Deal_Risk_Reasons__c: string | null;
}

async function riskRows(org: LocalOrg): Promise<RiskRow[]> {
  const conn = await loggedIn(org);
  const result = await conn.query<RiskRow>('SELECT Id, Name, IsClosed, Deal_Risk_Score__c, Deal_Risk_Level__c, Deal_Risk_Codes__c, Deal_Risk_Reasons__c FROM Opportunity');
  return result.records;
}

describe('a sync run\'s plan and batches against the local org', () => {
  let org: LocalOrg | undefined;
  afterEach(async () => {
    await org?.stop();
    org = undefined;
  });

  it('when a deal has sat in its stage far past the benchmark, then its risk fields say so in Salesforce', async () => {
    org = await startTestOrg({ dataset: 'test/fixtures/datasets/three-opportunities.json' });
    const summary = await syncInProcess(org);

    expect(summary.scored).toBe(1);
    expect(summary.refused).toEqual([]);
    const rows = await riskRows(org);
    const open = rows.find((row) => !row.IsClosed)!;
    expect(open.Deal_Risk_Codes__c?.split(';')).toContain('LOSING_PATTERN');
    expect(open.Deal_Risk_Score__c).toBeGreaterThanOrEqual(35);
    expect(open.Deal_Risk_Level__c).toBe(open.Deal_Risk_Score__c! >= 80 ? 'High' : open.Deal_Risk_Score__c! >= 40 ? 'Medium' : 'Low');
    // Entered Value Proposition 2026-02-10T15:00Z; the org's clock starts at 2026-03-31T12:00Z: 48 whole days.
    expect(open.Deal_Risk_Reasons__c).toContain('In Value Proposition for 48 days');
    const closed = rows.filter((row) => row.IsClosed);
    expect(closed.length).toBeGreaterThan(0);
    for (const row of closed) expect(row.Deal_Risk_Score__c).toBeNull();
  });

  it('when the org refuses one record, then it is reported with its id and errorCode and the rest of its batch is written', async () => {
    // The rule refuses risk fields on one deal, chosen once the org is up.
    let frozenName = '';
    org = await startTestOrg({
      opportunities: 60,
      validationRules: [
        {
          object: 'Opportunity',
          name: 'Frozen_Deal',
          when: (record) => typeof record.Name === 'string' && record.Name === frozenName && record.Deal_Risk_Score__c != null,
          message: 'This deal is frozen by Finance.',
        },
      ],
    });
    const before = await riskRows(org);
    const openBefore = before.filter((row) => !row.IsClosed);
    expect(openBefore.length).toBeGreaterThan(5);
    const frozen = openBefore[2]!;
    frozenName = frozen.Name;

    const summary = await syncInProcess(org);

    expect(summary.refused).toEqual([{ id: frozen.Id, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'This deal is frozen by Finance.' }]);
    expect(summary.refusedByCode).toEqual({ FIELD_CUSTOM_VALIDATION_EXCEPTION: 1 });
    expect(summary.dealsWritten).toBe(openBefore.length - 1);
    const after = await riskRows(org);
    for (const row of after) {
      if (row.IsClosed || row.Id === frozen.Id) expect(row.Deal_Risk_Score__c, row.Id).toBeNull();
      else expect(row.Deal_Risk_Level__c, row.Id).toMatch(/^(Low|Medium|High)$/);
    }
  });

  it('when a full run follows a full run with nothing changed, then it writes no field and opens no Task; a dry run writes nothing', async () => {
    org = await startTestOrg({ opportunities: 80 });
    const dry = await syncInProcess(org, { dryRun: true });
    expect(dry.dealsWritten).toBeGreaterThan(0);
    expect((await riskRows(org)).every((row) => row.Deal_Risk_Score__c === null)).toBe(true);
    expect([...org.store.rows('Task')].filter((t) => t.Deal_Risk_Key__c)).toEqual([]);

    const first = await syncInProcess(org);
    expect(first.dealsWritten).toBe(first.scored);
    expect(first.tasksOpened).toBeGreaterThan(0);
    const before = org.apiUsage().used;
    const second = await syncInProcess(org);
    expect(second).toMatchObject({ dealsWritten: 0, fieldsWritten: 0, tasksOpened: 0, tasksCompleted: 0, unchanged: first.scored });
    // A run that writes nothing reads only: the plan's two id queries, the benchmarks and one read per batch.
    expect(org.apiUsage().used - before).toBeLessThanOrEqual(6);
  });

  it('when the same batch runs twice at once (a retry racing a stalled worker), then every Task key has exactly one Task', async () => {
    org = await startTestOrg({ opportunities: 60 });
    const [a, b] = await Promise.all([syncInProcess(org, { salesforce: await portFor(org) }), syncInProcess(org, { salesforce: await portFor(org) })]);
    expect(a.tasksOpened + b.tasksOpened).toBeGreaterThan(0);
    const keys = [...org.store.rows('Task')].flatMap((task) => (typeof task.Deal_Risk_Key__c === 'string' && !task.IsDeleted ? [task.Deal_Risk_Key__c.toLowerCase()] : []));
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    // And a third run after both finds them all.
    expect((await syncInProcess(org)).tasksOpened).toBe(0);
  });
});
