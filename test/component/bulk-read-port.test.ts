import { afterEach, describe, expect, it } from 'vitest';
import type { LocalOrg } from '@dealrisk/local-org';
import { loadPlaybookFile } from '../../src/config/playbook-file.js';
import { applyMapping } from '../../src/mapping/apply-mapping.js';
import { defaultMapping } from '../../src/mapping/mapping-file.js';
import { BULK_OBJECTS, type BulkRow } from '../../src/sync/bulk-read-port.js';
import { dealReadOptions, filterableRiskFields } from '../../src/sync/deal-options.js';
import { startTestOrg } from '../support/local-org.js';
import { portFor, syncInProcess } from '../support/sync.js';

const mapping = defaultMapping();
const options = dealReadOptions(applyMapping(loadPlaybookFile('config/playbook.yaml'), mapping), mapping);

/** Every row of every Bulk read of a full run, and the API calls they took. */
async function bulkRowsOf(org: LocalOrg): Promise<{ rows: BulkRow[]; calls: number }> {
  const salesforce = await portFor(org);
  const before = org.apiUsage().used;
  const rows: BulkRow[] = [];
  for (const object of BULK_OBJECTS) {
    for await (const page of salesforce.bulkRows(object, options, { kind: 'full', filterableRiskFields: filterableRiskFields(mapping) })) rows.push(...page);
  }
  return { rows, calls: org.apiUsage().used - before };
}

describe('the Bulk API 2.0 read of a run\'s deals against the local org', () => {
  let org: LocalOrg | undefined;
  afterEach(async () => {
    await org?.stop();
    org = undefined;
  });

  for (const dataset of [{ dataset: 'test/fixtures/datasets/three-opportunities.json' }, { opportunities: 120 }]) {
    it(`when the deals are joined from one Bulk job per object, then each snapshot equals the REST read's (${JSON.stringify(dataset)})`, async () => {
      org = await startTestOrg(dataset);
      // A first run stores risk fields and opens dealrisk Tasks, which the reads must carry back too.
      await syncInProcess(org);
      const salesforce = await portFor(org);
      const ids = await salesforce.plannedDealIds({ filterableRiskFields: filterableRiskFields(mapping) });
      const rest = [];
      for await (const snapshot of salesforce.dealsById(ids, options)) rest.push(snapshot);

      const { rows, calls } = await bulkRowsOf(org);
      const bulk = salesforce.snapshotsFromRows(rows, options);

      expect(bulk.map((s) => s.deal.Id).sort()).toEqual(rest.map((s) => s.deal.Id).sort());
      const restById = new Map(rest.map((s) => [s.deal.Id, s]));
      for (const snapshot of bulk) expect(snapshot, snapshot.deal.Id).toEqual(restById.get(snapshot.deal.Id));
      // The comparison covers every kind of row: stored fields, dealrisk Tasks, roles, histories, activities with participants.
      expect(bulk.some((s) => s.tasks.length > 0 && Object.values(s.stored).some((v) => v !== null))).toBe(true);
      expect(bulk.some((s) => s.deal.contactRoles.length > 0 && s.deal.history.length > 1 && s.deal.fieldHistory.length > 0)).toBe(true);
      expect(bulk.some((s) => s.deal.activities.some((a) => (a.participantIds?.length ?? 0) > 0))).toBe(true);
      // Per object: the create, at least one poll, one results page; and Opportunity's describe.
      expect(calls).toBeGreaterThanOrEqual(BULK_OBJECTS.length * 3 + 1);
    });
  }
});
