import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlaybookFile } from '../../src/config/playbook-file.js';
import { defaultMapping } from '../../src/mapping/mapping-file.js';
import type { LocalOrg } from '@dealrisk/local-org';
import { connectSalesforce } from '../../src/salesforce/connect.js';
import { DealRepository } from '../../src/salesforce/deal-repository.js';
import { scoreOpenDeals } from '../../src/sync/score-open-deals.js';
import { loggedIn, salesforceSettings, startTestOrg } from '../support/local-org.js';

const playbook = loadPlaybookFile('config/playbook.yaml');
const quiet = pino({ level: 'silent' });

async function repositoryFor(org: LocalOrg): Promise<DealRepository> {
  const conn = await connectSalesforce(salesforceSettings(org, 'client_credentials'));
  return new DealRepository(conn);
}

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

describe('scoring run against the local org', () => {
  let org: LocalOrg | undefined;
  afterEach(async () => {
    await org?.stop();
    org = undefined;
  });

  it('when a deal has sat in its stage far past the benchmark, then its risk fields say so in Salesforce', async () => {
    org = await startTestOrg({ dataset: 'test/fixtures/datasets/three-opportunities.json' });
    const summary = await scoreOpenDeals({ deals: await repositoryFor(org), playbook, mapping: defaultMapping(), now: org.store.clock.now(), logger: quiet });

    expect(summary.scored).toBe(1);
    expect(summary.failures).toEqual([]);
    const rows = await riskRows(org);
    const open = rows.find((row) => !row.IsClosed)!;
    expect(open.Deal_Risk_Codes__c?.split(';')).toContain('LOSING_PATTERN');
    expect(open.Deal_Risk_Score__c).toBeGreaterThanOrEqual(35);
    expect(open.Deal_Risk_Level__c).toBe(open.Deal_Risk_Score__c! >= 70 ? 'High' : open.Deal_Risk_Score__c! >= 40 ? 'Medium' : 'Low');
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

    const summary = await scoreOpenDeals({ deals: await repositoryFor(org), playbook, mapping: defaultMapping(), now: org.store.clock.now(), logger: quiet });

    expect(summary.failures).toEqual([
      expect.objectContaining({ id: frozen.Id, success: false, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'This deal is frozen by Finance.' }),
    ]);
    expect(summary.written).toBe(openBefore.length - 1);
    const after = await riskRows(org);
    for (const row of after) {
      if (row.IsClosed || row.Id === frozen.Id) expect(row.Deal_Risk_Score__c, row.Id).toBeNull();
      else expect(row.Deal_Risk_Level__c, row.Id).toMatch(/^(Low|Medium|High)$/);
    }
  });
});
