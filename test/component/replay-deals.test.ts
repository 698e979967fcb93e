import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetFile, LocalOrg } from '@dealrisk/local-org';
import { connectSalesforce } from '../../src/salesforce/connect.js';
import { DealRepository } from '../../src/salesforce/deal-repository.js';
import { loggedIn, salesforceSettings, startTestOrg } from '../support/local-org.js';

const options = { verifierFields: ['Success_Criteria_Agreed__c', 'Procurement_Status__c'], profileField: 'Stakeholder_Profile__c' };

async function repositoryFor(org: LocalOrg): Promise<DealRepository> {
  return new DealRepository(await connectSalesforce(salesforceSettings(org, 'client_credentials')));
}

describe('reading closed deals for a backtest from the local org', () => {
  let org: LocalOrg | undefined;
  afterEach(async () => {
    await org?.stop();
    org = undefined;
  });

  it('when deals closed since a date are read, then each comes with its dated rows in one API call, and open or older deals are left out', async () => {
    org = await startTestOrg({ dataset: 'test/fixtures/datasets/three-opportunities.json' });
    const deals = await repositoryFor(org);
    const usedBefore = org.apiUsage().used;
    const { replayed: closed, benchmarkOnly } = await deals.closedDealsForReplay('2025-11-01', '2025-11-01', options);

    expect(deals.apiCalls).toBe(1);
    expect(org.apiUsage().used - usedBefore).toBe(1);
    expect(benchmarkOnly).toEqual([]);
    // The lost deal closed on 2025-11-14, the won one on 2026-01-09; the third is open.
    expect(closed.map((d) => [d.Id, d.IsWon])).toEqual([
      ['006000000000001AAA', true],
      ['006000000000002AAA', false],
    ]);
    const won = closed[0]!;
    expect(won.history[0]).toMatchObject({ StageName: 'Prospecting', CreatedDate: '2025-10-01T14:00:00.000+0000', Amount: 50000, Probability: 10 });
    expect(won.contactRoles.map((r) => [r.ContactId, r.CreatedDate, r.contact.profile])).toEqual([
      ['003000000000001AAA', '2025-10-01T14:30:00.000+0000', 'Go-Getter'],
      ['003000000000003AAA', '2025-10-01T14:31:00.000+0000', 'Guide'],
    ]);
    expect(won.activities.map((a) => a.Id).sort()).toEqual(['00T000000000001EAA', '00U000000000001EAA', '00U000000000002EAA', '00U000000000003EAA']);
    expect(won.fieldHistory.map((r) => r.Field)).toEqual(['CloseDate']);
    expect(won.fields).toEqual({ Success_Criteria_Agreed__c: true, Procurement_Status__c: 'Approved' });

    // From 2025-12-01 only the won deal is replayed; the lost one, closed on 2025-11-14, feeds the benchmarks with its stage history alone.
    const split = await deals.closedDealsForReplay('2025-06-01', '2025-12-01', options);
    expect(split.replayed.map((d) => d.Id)).toEqual(['006000000000001AAA']);
    expect(split.benchmarkOnly.map((d) => [d.Id, d.IsWon, d.history.length])).toEqual([['006000000000002AAA', false, 7]]);
    expect(split.benchmarkOnly[0]).not.toHaveProperty('activities');
  });

  it('when a deal\'s close date is before the window but it closed inside it, then it is replayed in full (the stage change that closed it counts)', async () => {
    org = await startTestOrg({ dataset: 'test/fixtures/datasets/three-opportunities.json' });
    // The won deal closed on 2026-01-09 (its LastStageChangeDate); an admin later moved its CloseDate back.
    const conn = await loggedIn(org);
    await conn.sobject('Opportunity').update({ Id: '006000000000001AAA', CloseDate: '2025-12-20' });
    const split = await (await repositoryFor(org)).closedDealsForReplay('2025-06-01', '2026-01-01', options);
    expect(split.replayed.map((d) => d.Id)).toEqual(['006000000000001AAA']);
    expect(split.benchmarkOnly.map((d) => d.Id)).toEqual(['006000000000002AAA']);
  });

  it('when a closed deal or one of its Tasks is in the recycle bin, then queryAll does not bring it back', async () => {
    org = await startTestOrg({ dataset: 'test/fixtures/datasets/three-opportunities.json' });
    const conn = await loggedIn(org);
    await conn.sobject('Task').destroy('00T000000000001EAA');
    await conn.sobject('Opportunity').destroy('006000000000002AAA');
    const { replayed: closed } = await (await repositoryFor(org)).closedDealsForReplay('2025-01-01', '2025-01-01', options);
    expect(closed.map((d) => d.Id)).toEqual(['006000000000001AAA']);
    expect(closed[0]!.activities.map((a) => a.Id)).not.toContain('00T000000000001EAA');
  });

  it('when the demo org is read, then every history row carries its forecast category', async () => {
    org = await startTestOrg({ opportunities: 60 });
    const { replayed: closed } = await (await repositoryFor(org)).closedDealsForReplay('2024-01-01', '2024-01-01', options);
    expect(closed.length).toBeGreaterThan(10);
    const categories = new Set(closed.flatMap((d) => d.history.map((row) => row.ForecastCategory)));
    expect(categories.has(null)).toBe(false);
    expect(categories).toContain('Closed');
  });

  it('when the demo org is read, then the replay gets the rows live scoring reads: everyone on a meeting and what each stage history row moved the close date from', async () => {
    org = await startTestOrg({ opportunities: 60 });
    const { replayed: closed } = await (await repositoryFor(org)).closedDealsForReplay('2024-01-01', '2024-01-01', options);
    const activities = closed.flatMap((d) => d.activities);
    expect(activities.every((a) => Array.isArray(a.participantIds))).toBe(true);
    expect(activities.some((a) => a.participantIds!.length > 1)).toBe(true);
    const laterRows = closed.flatMap((d) => d.history.slice(1));
    expect(laterRows.some((row) => typeof row.PrevCloseDate === 'string' && row.PrevCloseDate !== row.CloseDate)).toBe(true);
  });

  it('when the org tracks Next Step history, then a replayed deal comes with its Next Step changes', async () => {
    const fixture = JSON.parse(readFileSync('test/fixtures/datasets/three-opportunities.json', 'utf8')) as DatasetFile;
    const nextStep = { Id: '017000000000099AAA', OpportunityId: '006000000000001AAA', Field: 'NextStep', DataType: 'Text', OldValue: 'Demo', NewValue: 'Sign the order form', CreatedById: '005000000000002AAA', CreatedDate: '2025-12-01T10:00:00.000+0000' };
    org = await startTestOrg({
      dataset: { ...fixture, settings: { opportunityFieldHistory: ['StageName', 'Amount', 'CloseDate', 'NextStep'] }, records: { ...fixture.records, OpportunityFieldHistory: [...(fixture.records.OpportunityFieldHistory ?? []), nextStep] } },
    });
    const { replayed } = await (await repositoryFor(org)).closedDealsForReplay('2025-11-01', '2025-11-01', options);
    const won = replayed.find((d) => d.Id === '006000000000001AAA')!;
    expect(won.fieldHistory.filter((row) => row.Field === 'NextStep').map((row) => [row.OldValue, row.NewValue])).toEqual([['Demo', 'Sign the order form']]);
  });
});

describe('the fields the local org keeps history of', () => {
  it('when asked, then they are the Field picklist of OpportunityFieldHistory, in one API call', async () => {
    const org = await startTestOrg({ dataset: 'empty' });
    try {
      const deals = await repositoryFor(org);
      const tracked = await deals.historyTrackedFields();
      expect(deals.apiCalls).toBe(1);
      expect(tracked).toContain('CloseDate');
      expect(tracked).toContain('StageName');
      expect(tracked.has('Success_Criteria_Agreed__c')).toBe(false);
    } finally {
      await org.stop();
    }
  });
});
