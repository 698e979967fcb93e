import type { LocalOrg } from '@dealrisk/local-org';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSalesforce } from '../../src/salesforce/connect.js';
import type { ObservedResponse } from '../../src/salesforce/http-tap.js';
import { apiUsageOf } from '../../src/salesforce/limit-info.js';
import { salesforceSettings, startTestOrg } from '../support/local-org.js';

let org: LocalOrg;

beforeAll(async () => {
  org = await startTestOrg({ dataset: 'empty', apiLimit: 15_000 });
});
afterAll(async () => {
  await org.stop();
});

describe('the response tap on a connection', () => {
  it('when a connection logs in and queries, then every response is seen, with the org usage the API answered with', async () => {
    const seen: ObservedResponse[] = [];
    const conn = await connectSalesforce(salesforceSettings(org, 'client_credentials'), { onResponse: (r) => seen.push(r) });
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual(['/services/oauth2/token']);

    await conn.query('SELECT Id FROM Opportunity');
    await conn.query('SELECT Id FROM Account');
    const api = seen.filter((r) => r.url.includes('/services/data/'));
    expect(api).toHaveLength(2);
    const usages = api.map((r) => apiUsageOf(r.headers['sforce-limit-info']));
    expect(usages.map((u) => u?.limit)).toEqual([15_000, 15_000]);
    expect(usages[1]!.used).toBe(usages[0]!.used + 1);
  });

  it('when a call fails, then its response is seen too', async () => {
    const seen: ObservedResponse[] = [];
    const conn = await connectSalesforce(salesforceSettings(org, 'client_credentials'), { onResponse: (r) => seen.push(r) });
    await expect(conn.query('SELECT NoSuchField__c FROM Opportunity')).rejects.toThrow();
    expect(seen.at(-1)?.statusCode).toBe(400);
  });
});
