import { describe, expect, it } from 'vitest';
import { toOpportunityInput } from '../../../src/salesforce/map-records.js';

const options = { verifierFields: [], profileField: 'Stakeholder_Profile__c' };
const deal = (events: unknown) => ({ Id: '006000000000001AAA', Name: 'Deal', StageName: 'Prospecting', CreatedDate: '2026-01-01T00:00:00.000+0000', Events: events });
const event = (extra: Record<string, unknown>) => ({ Id: '00U000000000001AAA', Type: 'Meeting', WhoId: '003000000000001AAA', CreatedDate: '2026-01-02T00:00:00.000+0000', ...extra });

describe('mapping activity participants', () => {
  it('when an event carries its who-relations, then participantIds are WhoId and the others, once each', () => {
    const relations = { totalSize: 2, done: true, records: [{ RelationId: '003000000000001AAA' }, { RelationId: '003000000000002AAA' }] };
    const [activity] = toOpportunityInput(deal({ totalSize: 1, done: true, records: [event({ EventWhoRelations: relations })] }), options).activities;
    expect(activity!.participantIds).toEqual(['003000000000001AAA', '003000000000002AAA']);
  });

  it('when the org sends no who-relations (null) and no WhoId, then nobody; when it does not say, or sends only part, then absent', () => {
    const none = toOpportunityInput(deal({ totalSize: 1, done: true, records: [event({ WhoId: null, EventWhoRelations: null })] }), options).activities[0]!;
    expect(none.participantIds).toEqual([]);
    const unsaid = toOpportunityInput(deal({ totalSize: 1, done: true, records: [event({})] }), options).activities[0]!;
    expect(unsaid).not.toHaveProperty('participantIds');
    const partial = { totalSize: 60, done: false, nextRecordsUrl: '/services/data/v62.0/query/01g-1', records: [{ RelationId: '003000000000002AAA' }] };
    const cut = toOpportunityInput(deal({ totalSize: 1, done: true, records: [event({ EventWhoRelations: partial })] }), options).activities[0]!;
    expect(cut).not.toHaveProperty('participantIds');
  });
});
