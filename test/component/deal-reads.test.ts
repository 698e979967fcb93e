import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '@dealrisk/local-org';
import { applyMapping } from '../../src/mapping/apply-mapping.js';
import { defaultMapping } from '../../src/mapping/mapping-file.js';
import { loadPlaybookFile } from '../../src/config/playbook-file.js';
import type { JsforceSalesforce } from '../../src/salesforce/jsforce-salesforce.js';
import { dealReadOptions, filterableRiskFields } from '../../src/sync/deal-options.js';
import type { DealSnapshot } from '../../src/sync/ports.js';
import { startTestOrg } from '../support/local-org.js';
import { portFor, syncInProcess } from '../support/sync.js';

const mapping = defaultMapping();
const options = dealReadOptions(applyMapping(loadPlaybookFile('config/playbook.yaml'), mapping), mapping);

async function read(salesforce: JsforceSalesforce, ids: readonly string[]): Promise<DealSnapshot[]> {
  const snapshots: DealSnapshot[] = [];
  for await (const snapshot of salesforce.dealsById(ids, options)) snapshots.push(snapshot);
  return snapshots;
}

describe('reading a batch of deals', () => {
  let org: LocalOrg;
  let salesforce: JsforceSalesforce;
  let planned: string[];
  beforeAll(async () => {
    org = await startTestOrg({ opportunities: 1500, seed: 3 });
    await syncInProcess(org);
    salesforce = await portFor(org);
    planned = await salesforce.plannedDealIds({ filterableRiskFields: filterableRiskFields(mapping) });
  }, 60_000);
  afterAll(() => org?.stop());

  it('when more ids are asked for than an IN list holds, then exactly those deals come, read by id range, with both long text fields as stored', async () => {
    // Every other planned deal: the range also covers the ones between, which must not come back.
    const ids = planned.filter((_, i) => i % 2 === 0).slice(0, 250);
    const snapshots = await read(salesforce, ids);

    expect(snapshots.map((s) => s.deal.Id).sort()).toEqual([...ids].sort());
    const rows = new Map([...org.store.rows('Opportunity')].map((o) => [String(o.Id), o]));
    for (const { deal, stored } of snapshots) {
      expect(stored.Deal_Risk_Reasons__c).toBe(rows.get(deal.Id)?.Deal_Risk_Reasons__c ?? null);
      expect(stored.Missing_Verifiers__c).toBe(rows.get(deal.Id)?.Missing_Verifiers__c ?? null);
    }
    expect(snapshots.some((s) => s.stored.Missing_Verifiers__c !== null)).toBe(true);
  });

  it('when a run of consecutive planned deals is read, then its pages hold 2,000 rows: the second long text field comes in a query of its own', async () => {
    const before = org.apiUsage().used;
    const snapshots = await read(salesforce, planned.slice(0, 300));
    // One call for the second long text field, then the deals with their child rows at up to 2,000
    // rows a page (a page ends at a whole deal: one more at most); with both long text fields in
    // the deal query its pages would hold 200 rows.
    const rows = snapshots.reduce((sum, { deal }) => sum + 1 + deal.contactRoles.length + deal.history.length + deal.fieldHistory.length + deal.activities.length, 0);
    expect(rows).toBeGreaterThan(2000);
    expect(org.apiUsage().used - before).toBeLessThanOrEqual(1 + Math.ceil(rows / 2000) + 1);
  });

  it('when few ids are asked for, then they are read by IN list and come with their stored fields', async () => {
    const ids = planned.slice(0, 3);
    const snapshots = await read(salesforce, ids);
    expect(snapshots.map((s) => s.deal.Id)).toEqual(ids);
    expect(snapshots.every((s) => typeof s.stored.Deal_Risk_Score__c === 'number')).toBe(true);
  });
});
