// A geolocation custom field (type Location in SFDX source): its two components
// and the compound, through the real schema, store and SOQL engine.
import { describe, expect, it } from 'vitest';
import { readSourceMetadata } from '../../../src/metadata/index.js';
import { createOrgSchema, describeSObject } from '../../../src/schema/index.js';
import { sourceWithField } from '../../support/test-schema.js';
import { executeQuery } from '../../../src/soql/index.js';
import { createManualClock, createRecordStore } from '../../../src/store/index.js';

function orgWithSites() {
  const dir = sourceWithField('Account', 'Site__c', '<label>Site</label><type>Location</type><scale>6</scale><displayLocationInDecimal>true</displayLocationInDecimal>');
  const schema = createOrgSchema(readSourceMetadata([dir]));
  const store = createRecordStore(schema, createManualClock(new Date('2026-05-13T15:30:00Z')));
  store.loadDataset({ records: { User: [{ Username: 'a@b.test', LastName: 'Admin', Email: 'a@b.test', Alias: 'admin' }] } });
  const admin = [...store.rows('User')][0]!.Id;
  const plant = store.create('Account', { Name: 'Plant', Site__Latitude__s: 52.520008, Site__Longitude__s: 13.404954 }, admin);
  const office = store.create('Account', { Name: 'Office' }, admin);
  return { schema, store, admin, plant: plant.id!, office: office.id! };
}

describe('geolocation compound fields', () => {
  it('when a location field is declared, then it describes as a location of two double components with its scale', () => {
    const { schema } = orgWithSites();
    const fields = describeSObject(schema.object('Account')!).fields as { name: string; type: string; scale: number; compoundFieldName: string | null; createable: boolean }[];
    const byName = (name: string) => fields.find((f) => f.name === name);
    expect(byName('Site__c')).toMatchObject({ type: 'location', createable: false, compoundFieldName: null });
    expect(byName('Site__Latitude__s')).toMatchObject({ type: 'double', scale: 6, compoundFieldName: 'Site__c', createable: true });
    expect(byName('Site__Longitude__s')).toMatchObject({ type: 'double', scale: 6, compoundFieldName: 'Site__c' });
  });

  it('when SOQL selects the location, then it is {latitude, longitude}, or null without coordinates', () => {
    const { store, plant, office } = orgWithSites();
    const result = executeQuery(`SELECT Name, Site__c, Site__Latitude__s FROM Account WHERE Id IN ('${plant}', '${office}') ORDER BY Name DESC`, store, { includeDeleted: false });
    expect(result.records.map((r) => [r.Name, r.Site__c, r.Site__Latitude__s])).toEqual([
      ['Plant', { latitude: 52.520008, longitude: 13.404954 }, 52.520008],
      ['Office', null, null],
    ]);
  });

  it('when the location itself is written, then INVALID_FIELD_FOR_INSERT_UPDATE; its components round to its scale', () => {
    const { store, admin, plant } = orgWithSites();
    const refused = store.update('Account', plant, { Site__c: { latitude: 1, longitude: 2 } }, admin);
    expect(refused.errors[0]).toMatchObject({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Site__c'] });
    expect(store.update('Account', plant, { Site__Latitude__s: 48.85661234 }, admin).success).toBe(true);
    expect(store.retrieve('Account', plant)?.Site__Latitude__s).toBe(48.856612);
  });
});
