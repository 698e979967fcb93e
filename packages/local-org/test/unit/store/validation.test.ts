import { describe, expect, it } from 'vitest';
import { makeId } from '../../../src/ids.js';
import { readSourceMetadata } from '../../../src/metadata/index.js';
import { createOrgSchema } from '../../../src/schema/index.js';
import { sourceWithField } from '../../support/test-schema.js';
import { createManualClock, createRecordStore, type SaveResult } from '../../../src/store/index.js';
import { ACME, ADMIN, ALICE, INACTIVE_USER, T0, fixture } from './support.js';

/** The single error of a failed save. */
function onlyError(result: SaveResult): { statusCode: string; message: string; fields: string[] } {
  expect(result.success).toBe(false);
  expect(result.errors).toHaveLength(1);
  return result.errors[0]!;
}

describe('write validation (Salesforce status codes from realistic mistakes)', () => {
  it('when a field name is misspelt, then INVALID_FIELD names the column', () => {
    const { store } = fixture();
    const result = store.create('Opportunity', { Name: 'A', StageName: 'Prospecting', CloseDate: '2026-12-31', Risk_Scor__c: 40 }, ADMIN);
    expect(onlyError(result)).toEqual({
      statusCode: 'INVALID_FIELD',
      message: "No such column 'Risk_Scor__c' on sobject of type Opportunity",
      fields: ['Risk_Scor__c'],
    });
  });

  it('when a client writes a derived field, then INVALID_FIELD_FOR_INSERT_UPDATE lists it', () => {
    const { store, newOpportunity } = fixture();
    const id = newOpportunity();
    const error = onlyError(store.update('Opportunity', id, { IsWon: true, LastStageChangeDate: '2026-01-01T00:00:00Z' }, ADMIN));
    expect(error.statusCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    expect(error.fields).toEqual(['IsWon', 'LastStageChangeDate']);
    expect(onlyError(store.create('Account', { Id: ACME, Name: 'Copy' }, ADMIN)).statusCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('when a score exceeds the field precision, then NUMBER_OUTSIDE_VALID_RANGE; extra decimals are rounded', () => {
    const { store, newOpportunity, row } = fixture();
    const id = newOpportunity();
    const error = onlyError(store.update('Opportunity', id, { Deal_Risk_Score__c: 1000 }, ADMIN));
    expect(error).toMatchObject({ statusCode: 'NUMBER_OUTSIDE_VALID_RANGE', fields: ['Deal_Risk_Score__c'] });
    expect(error.message).toBe('Deal Risk Score: value outside of valid range on numeric field: 1000');
    expect(store.update('Opportunity', id, { Deal_Risk_Score__c: 72.6, Amount: '1234.567' }, ADMIN).success).toBe(true);
    expect(row(id)).toMatchObject({ Deal_Risk_Score__c: 73, Amount: 1234.57 });
  });

  it('when a number, date or checkbox is sent in the wrong form, then INVALID_TYPE_ON_FIELD_IN_RECORD', () => {
    const { store, newOpportunity } = fixture();
    const id = newOpportunity();
    for (const fields of [{ Amount: '12k' }, { CloseDate: '12/31/2026' }, { CloseDate: '2026-02-30' }, { Deal_Risk_Updated_At__c: 'yesterday' }, { Success_Criteria_Agreed__c: 'yes' }]) {
      const error = onlyError(store.update('Opportunity', id, fields, ADMIN));
      expect(error.statusCode).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
      expect(error.fields).toEqual(Object.keys(fields));
    }
  });

  it('when reason codes overflow the text length, then STRING_TOO_LONG with the max length', () => {
    const { store, newOpportunity } = fixture();
    const error = onlyError(store.update('Opportunity', newOpportunity(), { Deal_Risk_Codes__c: 'STALLED;'.repeat(40) }, ADMIN));
    expect(error).toMatchObject({ statusCode: 'STRING_TOO_LONG', fields: ['Deal_Risk_Codes__c'] });
    expect(error.message).toMatch(/^Deal Risk Codes: data value too large: .*\(max length=255\)$/);
  });

  it('when a restricted picklist gets a value outside its list, then INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', () => {
    const { store, newOpportunity } = fixture();
    const id = newOpportunity();
    expect(onlyError(store.update('Opportunity', id, { Deal_Risk_Level__c: 'Critical' }, ADMIN))).toEqual({
      statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'Deal Risk Level: bad value for restricted picklist field: Critical',
      fields: ['Deal_Risk_Level__c'],
    });
    expect(onlyError(store.update('Opportunity', id, { StageName: 'Closed-Won' }, ADMIN)).statusCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    // An unrestricted picklist takes any value, as on a real org.
    expect(store.update('Opportunity', id, { Procurement_Status__c: 'Legal Review' }, ADMIN).success).toBe(true);
  });

  it('when required fields are left out on create or cleared on update, then REQUIRED_FIELD_MISSING lists them', () => {
    const { store, newOpportunity } = fixture();
    expect(onlyError(store.create('Opportunity', { Name: 'No close date', StageName: 'Prospecting' }, ADMIN))).toEqual({
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [CloseDate]',
      fields: ['CloseDate'],
    });
    expect(onlyError(store.update('Opportunity', newOpportunity(), { Name: '' }, ADMIN))).toMatchObject({
      statusCode: 'REQUIRED_FIELD_MISSING',
      fields: ['Name'],
    });
    expect(onlyError(store.create('Task', { Subject: 'Call', Status: null }, ADMIN)).fields).toEqual(['Status']);
  });

  it('when an id is not an id at all, then MALFORMED_ID (in a lookup and as the target of an update)', () => {
    const { store, newOpportunity } = fixture();
    expect(onlyError(store.update('Opportunity', newOpportunity(), { AccountId: 'Acme Corp' }, ADMIN))).toMatchObject({
      statusCode: 'MALFORMED_ID',
      fields: ['AccountId'],
    });
    expect(onlyError(store.update('Opportunity', '006-not-an-id', { Name: 'x' }, ADMIN)).statusCode).toBe('MALFORMED_ID');
    // A valid id of another object as the target is refused the same way.
    expect(onlyError(store.update('Opportunity', ACME, { Name: 'x' }, ADMIN)).statusCode).toBe('MALFORMED_ID');
    expect(onlyError(store.delete('0060000000', ADMIN)).statusCode).toBe('MALFORMED_ID');
  });

  it('when a lookup points at no record, then INVALID_CROSS_REFERENCE_KEY; at the wrong object, FIELD_INTEGRITY_EXCEPTION', () => {
    const { store } = fixture();
    const base = { Name: 'A', StageName: 'Prospecting', CloseDate: '2026-12-31' };
    expect(onlyError(store.create('Opportunity', { ...base, AccountId: makeId('001', 999) }, ADMIN))).toEqual({
      statusCode: 'INVALID_CROSS_REFERENCE_KEY',
      message: 'invalid cross reference id',
      fields: ['AccountId'],
    });
    expect(onlyError(store.create('Opportunity', { ...base, AccountId: ALICE }, ADMIN))).toMatchObject({
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: `Account ID: id value of incorrect type: ${ALICE}`,
    });
    expect(onlyError(store.create('Task', { Subject: 'Follow up', WhatId: ALICE }, ADMIN)).statusCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect(onlyError(store.update('Opportunity', makeId('006', 999), { Name: 'x' }, ADMIN)).statusCode).toBe('INVALID_CROSS_REFERENCE_KEY');
  });

  it('when a record or a lookup target is in the recycle bin, then ENTITY_IS_DELETED', () => {
    const { store, newOpportunity } = fixture();
    const id = newOpportunity();
    expect(store.delete(id, ADMIN).success).toBe(true);
    expect(onlyError(store.update('Opportunity', id, { Name: 'again' }, ADMIN)).statusCode).toBe('ENTITY_IS_DELETED');
    expect(onlyError(store.delete(id, ADMIN)).statusCode).toBe('ENTITY_IS_DELETED');
    expect(onlyError(store.delete(makeId('006', 4242), ADMIN)).statusCode).toBe('ENTITY_IS_DELETED');
    expect(onlyError(store.create('Task', { Subject: 'Call', WhatId: id }, ADMIN))).toMatchObject({ statusCode: 'ENTITY_IS_DELETED', fields: ['WhatId'] });
  });

  it('when two Tasks carry the same value of a field declared unique (in any case), then DUPLICATE_VALUE names the holder', () => {
    const source = sourceWithField('Activity', 'Unique_Key__c', '<label>Unique Key</label><type>Text</type><length>80</length><externalId>true</externalId><unique>true</unique>');
    const schema = createOrgSchema(readSourceMetadata([source]));
    const store = createRecordStore(schema, createManualClock(T0));
    store.loadDataset({ records: { User: [{ Id: ADMIN, Username: 'admin@dealrisk.local', LastName: 'Admin', Email: 'admin@dealrisk.local', Alias: 'admin' }] } });
    const first = store.create('Task', { Subject: 'Find a Mobilizer', Unique_Key__c: 'risk:006:no-mobilizer' }, ADMIN);
    expect(first.success).toBe(true);
    const error = onlyError(store.create('Task', { Subject: 'Again', Unique_Key__c: 'RISK:006:no-mobilizer' }, ADMIN));
    expect(error).toMatchObject({ statusCode: 'DUPLICATE_VALUE', fields: ['Unique_Key__c'] });
    expect(error.message).toContain(first.id);
    // Once the holder is deleted, the value is free again.
    store.delete(first.id!, ADMIN);
    expect(store.create('Task', { Subject: 'Again', Unique_Key__c: 'risk:006:no-mobilizer' }, ADMIN).success).toBe(true);
  });

  it('when two Tasks carry the same dealrisk key (an External ID that is not unique), then both are saved and an upsert by it is ambiguous', () => {
    const { store } = fixture();
    const first = store.create('Task', { Subject: 'Find a Mobilizer', Deal_Risk_Key__c: 'risk:006:no-mobilizer' }, ADMIN);
    const second = store.create('Task', { Subject: 'Again', Deal_Risk_Key__c: 'RISK:006:no-mobilizer' }, ADMIN);
    expect([first.success, second.success]).toEqual([true, true]);
    expect(store.findByExternalId('Task', 'Deal_Risk_Key__c', 'risk:006:NO-MOBILIZER').map((task) => task.Id).sort()).toEqual([first.id, second.id].sort());
    const upsert = store.upsert('Task', 'Deal_Risk_Key__c', 'risk:006:no-mobilizer', { Subject: 'Which one?' }, ADMIN);
    expect(onlyError(upsert)).toMatchObject({ statusCode: 'DUPLICATE_EXTERNAL_ID', fields: ['Deal_Risk_Key__c'] });
    expect(store.retrieve('Task', first.id!)?.Subject).toBe('Find a Mobilizer');
    // The key is indexed like any External ID: a changed or deleted key is found where it now is.
    store.update('Task', second.id!, { Deal_Risk_Key__c: 'moved' }, ADMIN);
    expect(store.findByExternalId('Task', 'Deal_Risk_Key__c', 'MOVED').map((task) => task.Id)).toEqual([second.id]);
    store.delete(first.id!, ADMIN);
    expect(store.findByExternalId('Task', 'Deal_Risk_Key__c', 'risk:006:no-mobilizer')).toEqual([]);
  });

  it('when a configured validation rule fails, then FIELD_CUSTOM_VALIDATION_EXCEPTION with its message and field', () => {
    const { store, newOpportunity } = fixture([
      {
        object: 'Opportunity',
        name: 'Won_needs_success_criteria',
        when: (r) => r.StageName === 'Closed Won' && r.Success_Criteria_Agreed__c !== true,
        message: 'Agree success criteria with the customer before closing won.',
        field: 'Success_Criteria_Agreed__c',
      },
    ]);
    const id = newOpportunity();
    expect(onlyError(store.update('Opportunity', id, { StageName: 'Closed Won' }, ADMIN))).toEqual({
      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Agree success criteria with the customer before closing won.',
      fields: ['Success_Criteria_Agreed__c'],
    });
    expect(store.update('Opportunity', id, { StageName: 'Closed Won', Success_Criteria_Agreed__c: true }, ADMIN).success).toBe(true);
  });

  it('when an email is malformed or the owner is inactive, then INVALID_EMAIL_ADDRESS / INACTIVE_OWNER_OR_USER', () => {
    const { store, newOpportunity } = fixture();
    expect(onlyError(store.update('Contact', ALICE, { Email: 'alice at acme' }, ADMIN)).statusCode).toBe('INVALID_EMAIL_ADDRESS');
    expect(onlyError(store.update('Opportunity', newOpportunity(), { OwnerId: INACTIVE_USER }, ADMIN)).statusCode).toBe('INACTIVE_OWNER_OR_USER');
  });

  it('when a client writes a system-maintained object, then the operation is refused', () => {
    const { store, newOpportunity, rowsOf } = fixture();
    newOpportunity();
    expect(onlyError(store.create('OpportunityHistory', { StageName: 'Prospecting' }, ADMIN)).statusCode).toBe('INVALID_TYPE_FOR_OPERATION');
    expect(onlyError(store.delete(rowsOf('OpportunityHistory')[0]!.Id, ADMIN)).statusCode).toBe('INVALID_TYPE_FOR_OPERATION');
    expect(onlyError(store.create('Case', { Subject: 'x' }, ADMIN)).statusCode).toBe('INVALID_TYPE');
    // Users are deactivated, never deleted.
    expect(onlyError(store.delete(ADMIN, ADMIN)).statusCode).toBe('INVALID_TYPE_FOR_OPERATION');
  });

  it('when field names arrive in lower case with an attributes key (as jsforce sends them), then they are matched', () => {
    const { store, newOpportunity, row } = fixture();
    const id = newOpportunity();
    const result = store.update('opportunity', id, { attributes: { type: 'Opportunity' }, id, stagename: 'Qualification', deal_risk_level__c: 'High' }, ADMIN);
    expect(result).toEqual({ id, success: true, errors: [] });
    expect(row(id)).toMatchObject({ StageName: 'Qualification', Deal_Risk_Level__c: 'High' });
    expect(row(id)).not.toHaveProperty('stagename');
  });

  it('when several fields are wrong, then each gets its own error and nothing is saved', () => {
    const { store, newOpportunity, row } = fixture();
    const id = newOpportunity();
    const result = store.update('Opportunity', id, { Amount: 'lots', Deal_Risk_Level__c: 'Extreme', Name: 'Renamed' }, ADMIN);
    expect(result.errors.map((e) => e.statusCode)).toEqual(['INVALID_TYPE_ON_FIELD_IN_RECORD', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST']);
    expect(row(id).Name).toBe('Acme renewal');
  });
});
