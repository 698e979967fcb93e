import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, startTestOrg } from '../support/local-org.js';

const ADMIN = '005000000000001AAA';

let org: LocalOrg;
let conn: Connection;
beforeAll(async () => {
  org = await startTestOrg({
    dataset: {
      records: {
        Organization: [{ Name: 'Stages Inc' }],
        User: [{ Id: ADMIN, Username: 'demo@dealrisk.local', LastName: 'Demo', Email: 'demo@dealrisk.local', Alias: 'demo' }],
        OpportunityStage: [
          { MasterLabel: 'Signed', ApiName: 'Signed', IsActive: true, SortOrder: 3, IsClosed: true, IsWon: true, DefaultProbability: 100 },
          { MasterLabel: 'Discover', ApiName: 'Discover', IsActive: true, SortOrder: 1, DefaultProbability: 15 },
          { MasterLabel: 'Retired', ApiName: 'Retired', IsActive: false, SortOrder: 2, DefaultProbability: 40 },
        ],
      },
    },
  });
  conn = await loggedIn(org);
});
afterAll(async () => {
  await org.stop();
});

describe('the org stage picklist', () => {
  it('when a dataset brings its own stages, then describe lists the active ones in sort order for Opportunity and OpportunityHistory', async () => {
    for (const objectName of ['Opportunity', 'OpportunityHistory']) {
      const stage = (await conn.describe(objectName)).fields.find((f) => f.name === 'StageName');
      expect((stage?.picklistValues ?? []).map((p: { value: string }) => p.value)).toEqual(['Discover', 'Signed']);
    }
    const forecast = (await conn.describe('Opportunity')).fields.find((f) => f.name === 'ForecastCategoryName');
    expect((forecast?.picklistValues ?? []).map((p: { value: string }) => p.value)).toContain('Best Case');
  });
});
