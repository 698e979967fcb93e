import jsforce from 'jsforce';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { DealRepository } from '../../../src/salesforce/deal-repository.js';

const instanceUrl = 'https://dealrisk-test.my.salesforce.com';
const base = '/services/data/v62.0';

function repository(): DealRepository {
  return new DealRepository(new jsforce.Connection({ instanceUrl, accessToken: '00Dtest!token', version: '62.0' }));
}

const oppId = (n: number) => `006${String(n).padStart(12, '0')}AAA`;

describe('DealRepository (HTTP level)', () => {
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  it('when a query has more pages and a paged child relationship, then every page and child row is read', async () => {
    nock(instanceUrl)
      .get(`${base}/query`)
      .query(true)
      .reply(200, {
        totalSize: 2,
        done: false,
        nextRecordsUrl: `${base}/query/01gPAGE-1`,
        records: [
          {
            attributes: { type: 'Opportunity' },
            Id: oppId(1),
            OpportunityHistories: { totalSize: 3, done: false, nextRecordsUrl: `${base}/query/01gCHILD-2`, records: [{ StageName: 'A' }, { StageName: 'B' }] },
          },
        ],
      })
      .get(`${base}/query/01gCHILD-2`)
      .reply(200, { totalSize: 3, done: true, records: [{ StageName: 'C' }] })
      .get(`${base}/query/01gPAGE-1`)
      .reply(200, { totalSize: 2, done: true, records: [{ attributes: { type: 'Opportunity' }, Id: oppId(2), OpportunityHistories: null }] });

    const pages = [];
    for await (const page of repository().queryPages('SELECT Id FROM Opportunity')) pages.push(page);
    expect(pages).toHaveLength(2);
    const histories = pages[0]![0]!.OpportunityHistories as { records: { StageName: string }[]; done: boolean };
    expect(histories.records.map((r) => r.StageName)).toEqual(['A', 'B', 'C']);
    expect(histories.done).toBe(true);
    expect(pages[1]![0]!.Id).toBe(oppId(2));
  });

  it('when 450 records are updated, then they go in calls of 200, 200 and 50 and each failure keeps its id, errorCode and every message', async () => {
    const bodies: { allOrNone: boolean; records: { id: string }[] }[] = [];
    nock(instanceUrl)
      .patch(`${base}/composite/sobjects`)
      .times(3)
      .reply(200, (_uri, body) => {
        const request = body as { allOrNone: boolean; records: { id: string }[] };
        bodies.push(request);
        return request.records.map((record) =>
          record.id === oppId(201)
            ? { id: null, success: false, errors: [{ statusCode: 'STRING_TOO_LONG', message: 'Deal Risk Codes: data value too large', fields: ['Deal_Risk_Codes__c'] }] }
            : record.id === oppId(302)
              ? {
                  id: null,
                  success: false,
                  errors: [
                    { statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Deal Risk Level: bad value', fields: ['Deal_Risk_Level__c'] },
                    { statusCode: 'STRING_TOO_LONG', message: 'Deal Risk Codes: data value too large', fields: ['Deal_Risk_Codes__c'] },
                  ],
                }
              : { id: record.id, success: true, errors: [] },
        );
      });

    const records = Array.from({ length: 450 }, (_, i) => ({ Id: oppId(i + 1), Deal_Risk_Score__c: i % 100 }));
    const outcomes = await repository().updateRecords('Opportunity', records);
    expect(bodies.map((b) => b.records.length)).toEqual([200, 200, 50]);
    expect(bodies.every((b) => b.allOrNone === false)).toBe(true);
    expect(outcomes).toHaveLength(450);
    expect(outcomes.filter((o) => !o.success)).toEqual([
      { id: oppId(201), success: false, errorCode: 'STRING_TOO_LONG', message: 'Deal Risk Codes: data value too large', fields: ['Deal_Risk_Codes__c'] },
      {
        id: oppId(302),
        success: false,
        errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'Deal Risk Level: bad value; Deal Risk Codes: data value too large',
        fields: ['Deal_Risk_Level__c', 'Deal_Risk_Codes__c'],
      },
    ]);
  });
});
