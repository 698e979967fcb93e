import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DatasetFile } from '../../src/model.js';
import { createManualClock } from '../../src/store/clock.js';
import { loggedIn, startTestOrg } from '../support/local-org.js';

const AS_OF = new Date('2026-03-31T12:00:00.000Z');
const fixture = JSON.parse(readFileSync(new URL('../fixtures/three-opportunities.json', import.meta.url), 'utf8')) as DatasetFile;
const OPEN_DEAL = '006000000000003AAA';

/** The fixture org as one where CloseDate has no field history tracking (and its CloseDate rows never were written). */
function untrackedCloseDate(): DatasetFile {
  const history = (fixture.records.OpportunityFieldHistory ?? []).filter((row) => row.Field !== 'CloseDate');
  return { ...fixture, settings: { opportunityFieldHistory: ['StageName', 'Amount'] }, records: { ...fixture.records, OpportunityFieldHistory: history } };
}

/** A field history row of the open deal, created `monthsAgo` before AS_OF. */
function historyRow(id: number, monthsAgo: number): Record<string, unknown> {
  const at = new Date(AS_OF.getTime());
  at.setUTCMonth(at.getUTCMonth() - monthsAgo);
  return { Id: `017000000000${String(900 + id)}AAA`.slice(0, 18), OpportunityId: OPEN_DEAL, Field: 'Amount', DataType: 'Currency', OldValue: id, NewValue: id + 1, CreatedById: '005000000000002AAA', CreatedDate: at.toISOString().replace('Z', '+0000') };
}

describe('local org field history tracking per org', () => {
  it('when the dataset tracks no CloseDate, then a close-date change writes no history, describe does not list it, and an Amount change still does', async () => {
    const org = await startTestOrg({ dataset: untrackedCloseDate() });
    try {
      const conn = await loggedIn(org);
      const described = await conn.sobject('OpportunityFieldHistory').describe();
      const fields = described.fields.find((f) => f.name === 'Field')!.picklistValues!.map((p: { value: string }) => p.value);
      expect(fields).toContain('Amount');
      expect(fields).not.toContain('CloseDate');
      await conn.sobject('Opportunity').update({ Id: OPEN_DEAL, CloseDate: '2026-06-30' });
      await conn.sobject('Opportunity').update({ Id: OPEN_DEAL, Amount: 25_000 });
      const rows = await conn.query<{ Field: string }>(`SELECT Field FROM OpportunityFieldHistory WHERE OpportunityId = '${OPEN_DEAL}' AND CreatedDate = TODAY`);
      expect(rows.records.map((r) => r.Field)).toEqual(['Amount']);
    } finally {
      await org.stop();
    }
  });

  it('when a dataset names a field that is no standard Opportunity field, then the org does not start', async () => {
    await expect(startTestOrg({ dataset: { ...fixture, settings: { opportunityFieldHistory: ['Nope'] } } })).rejects.toThrow(/Nope is not a standard Opportunity field/);
  });
});

describe('local org field history retention (18 months by default)', () => {
  it('when history is older than the window, then query, queryAll and child subqueries leave it out, and rows age out as the clock runs', async () => {
    const dataset: DatasetFile = { ...fixture, records: { ...fixture.records, OpportunityFieldHistory: [...(fixture.records.OpportunityFieldHistory ?? []), historyRow(1, 19), historyRow(2, 17)] } };
    const clock = createManualClock(AS_OF);
    const org = await startTestOrg({ dataset, clock });
    try {
      const conn = await loggedIn(org);
      const ids = async () => (await conn.query<{ Id: string }>(`SELECT Id FROM OpportunityFieldHistory WHERE OpportunityId = '${OPEN_DEAL}' AND Field = 'Amount'`, { scanAll: true })).records.map((r) => r.Id);
      expect(await ids()).toEqual([historyRow(2, 17).Id]);
      const nested = await conn.query<{ Histories: { records: { Id: string }[] } | null }>(`SELECT Id, (SELECT Id FROM Histories WHERE Field = 'Amount') FROM Opportunity WHERE Id = '${OPEN_DEAL}'`);
      expect(nested.records[0]!.Histories!.records.map((r) => r.Id)).toEqual([historyRow(2, 17).Id]);
      clock.advance(62 * 86_400_000);
      expect(await ids()).toEqual([]);
    } finally {
      await org.stop();
    }
  });

  it('when a dataset keeps 6 months, then older history is gone', async () => {
    const dataset: DatasetFile = { ...fixture, settings: { fieldHistoryRetentionMonths: 6 } };
    const org = await startTestOrg({ dataset });
    try {
      const conn = await loggedIn(org);
      const rows = await conn.query<{ CreatedDate: string }>('SELECT CreatedDate FROM OpportunityFieldHistory');
      expect(rows.totalSize).toBeGreaterThan(0);
      expect(rows.records.every((r) => r.CreatedDate >= '2025-09-30')).toBe(true);
      expect(rows.totalSize).toBeLessThan(fixture.records.OpportunityFieldHistory!.length);
    } finally {
      await org.stop();
    }
  });
});
