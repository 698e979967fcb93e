import { describe, expect, it } from 'vitest';
import { KEY_PREFIX } from '../../../src/ids.js';
import type { FieldDef } from '../../../src/model.js';
import { emptySource } from '../../../src/metadata/index.js';
import { createOrgSchema, describeGlobal, describeSObject } from '../../../src/schema/index.js';
import { testSchema } from '../../support/test-schema.js';

const schema = testSchema();

interface DescribedField {
  name: string;
  picklistValues: { value: string; defaultValue: boolean }[];
  [key: string]: unknown;
}
interface Described {
  fields: DescribedField[];
  childRelationships: unknown[];
  urls: Record<string, string>;
  [key: string]: unknown;
}

function described(objectName: string, apiVersion?: string): { d: Described; fields: Record<string, DescribedField> } {
  const d = describeSObject(schema.object(objectName)!, apiVersion) as unknown as Described;
  return { d, fields: Object.fromEntries(d.fields.map((f) => [f.name, f])) };
}

function fieldOf(objectName: string, fieldName: string): FieldDef {
  const f = schema.field(objectName, fieldName);
  if (!f) throw new Error(`no field ${objectName}.${fieldName}`);
  return f;
}

describe('org schema', () => {
  it('when objects are looked up in any case, then the canonical definitions with their real key prefixes come back', () => {
    for (const [name, prefix] of Object.entries(KEY_PREFIX)) {
      expect(schema.object(name.toLowerCase())?.name).toBe(name);
      expect(schema.object(name)?.keyPrefix).toBe(prefix);
    }
    expect(schema.field('OPPORTUNITY', 'stagename')?.name).toBe('StageName');
    expect(schema.objectForId('006000000000001AAA')?.name).toBe('Opportunity');
    expect(schema.object('Case')).toBeUndefined();
  });

  it('when the Opportunity is described, then its required, read-only and typed fields match Salesforce', () => {
    expect(fieldOf('Opportunity', 'Name')).toMatchObject({ type: 'string', length: 120, nillable: false, required: true });
    expect(fieldOf('Opportunity', 'CloseDate')).toMatchObject({ type: 'date', required: true });
    expect(fieldOf('Opportunity', 'Amount')).toMatchObject({ type: 'currency', precision: 18, scale: 2 });
    expect(fieldOf('Opportunity', 'Probability')).toMatchObject({ type: 'percent', precision: 3, scale: 0 });
    for (const name of ['IsClosed', 'IsWon', 'LastStageChangeDate', 'ExpectedRevenue', 'CreatedDate', 'SystemModstamp']) {
      expect(fieldOf('Opportunity', name)).toMatchObject({ createable: false, updateable: false });
    }
    expect(fieldOf('Opportunity', 'AccountId')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' });
    expect(fieldOf('Opportunity', 'OwnerId')).toMatchObject({ referenceTo: ['User'], relationshipName: 'Owner', nillable: false });
    expect(fieldOf('Task', 'WhatId').referenceTo).toEqual(['Opportunity', 'Account']);
    expect(fieldOf('Task', 'Status')).toMatchObject({ nillable: false, defaultValue: 'Not Started', restrictedPicklist: true });
    expect(fieldOf('OpportunityContactRole', 'Role').picklistValues).toContain('Economic Buyer');
  });

  it('when history objects are described, then they are read-only and lack the fields Salesforce does not give them', () => {
    expect(schema.object('OpportunityHistory')).toMatchObject({ createable: false, updateable: false, deletable: false });
    expect(schema.field('OpportunityHistory', 'PrevAmount')).toBeDefined();
    expect(schema.field('OpportunityHistory', 'LastModifiedDate')).toBeUndefined();
    expect(schema.field('OpportunityFieldHistory', 'SystemModstamp')).toBeUndefined();
  });

  it('when child relationships are listed, then they carry Salesforce names (Histories is the field history)', () => {
    const opp = schema.object('Opportunity')!;
    const rels = Object.fromEntries(opp.childRelationships.map((r) => [r.relationshipName, `${r.childSObject}.${r.field}`]));
    expect(rels).toMatchObject({
      OpportunityContactRoles: 'OpportunityContactRole.OpportunityId',
      OpportunityHistories: 'OpportunityHistory.OpportunityId',
      Histories: 'OpportunityFieldHistory.OpportunityId',
      Tasks: 'Task.WhatId',
      Events: 'Event.WhatId',
    });
    const account = schema.object('Account')!.childRelationships.map((r) => r.relationshipName);
    expect(account).toEqual(expect.arrayContaining(['Contacts', 'Opportunities']));
  });

  it('when the source metadata is read, then its fields appear as custom with their types (Activity fields on Task and Event)', () => {
    expect(fieldOf('Opportunity', 'Deal_Risk_Level__c')).toMatchObject({ custom: true, restrictedPicklist: true, picklistValues: ['Low', 'Medium', 'High'] });
    expect(fieldOf('Opportunity', 'Deal_Risk_Score__c')).toMatchObject({ type: 'double', precision: 3, scale: 0 });
    expect(fieldOf('Opportunity', 'Deal_Risk_Reasons__c')).toMatchObject({ type: 'textarea', length: 32768, filterable: false, sortable: false });
    expect(fieldOf('Opportunity', 'Success_Criteria_Agreed__c')).toMatchObject({ type: 'boolean', defaultValue: false, nillable: false });
    expect(fieldOf('Contact', 'Stakeholder_Profile__c').picklistValues).toEqual(['Go-Getter', 'Teacher', 'Skeptic', 'Guide', 'Friend', 'Climber', 'Blocker']);
    for (const obj of ['Task', 'Event']) {
      // An External ID, not unique: as on a real org, where an Activity field is unique only if its metadata says so.
      expect(fieldOf(obj, 'Deal_Risk_Key__c')).toMatchObject({ type: 'string', length: 120, externalId: true, filterable: true, custom: true });
      expect(fieldOf(obj, 'Deal_Risk_Key__c').unique ?? false).toBe(false);
    }
    expect(schema.field('Account', 'Deal_Risk_Key__c')).toBeUndefined();
  });

  it('when no source is given, then only standard fields exist, and the default is the demo dataset\'s own fields', () => {
    const plain = createOrgSchema(emptySource());
    expect(plain.field('Opportunity', 'Deal_Risk_Score__c')).toBeUndefined();
    expect(plain.field('Contact', 'Stakeholder_Profile__c')).toBeUndefined();
    const demo = createOrgSchema();
    expect(demo.field('Contact', 'Stakeholder_Profile__c')).toMatchObject({ type: 'picklist', custom: true });
    expect(demo.field('Opportunity', 'Procurement_Status__c')).toMatchObject({ type: 'picklist', custom: true });
    expect(demo.field('Opportunity', 'Deal_Risk_Score__c')).toBeUndefined();
  });
});

describe('describe JSON', () => {
  it('when an object is described, then the shape has Salesforce field, picklist, reference and child relationship entries', () => {
    const { d, fields } = described('Opportunity', '62.0');
    expect(d).toMatchObject({ name: 'Opportunity', keyPrefix: '006', custom: false, queryable: true, createable: true, labelPlural: 'Opportunities' });
    expect(d.urls.rowTemplate).toBe('/services/data/v62.0/sobjects/Opportunity/{ID}');
    expect(fields.Amount).toMatchObject({ type: 'currency', precision: 18, scale: 2, length: 0, soapType: 'xsd:double' });
    expect(fields.Name).toMatchObject({ type: 'string', length: 120, nillable: false, nameField: true, createable: true });
    expect(fields.AccountId).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Account', soapType: 'tns:ID' });
    expect(fields.IsWon).toMatchObject({ createable: false, updateable: false });
    expect(fields.Deal_Risk_Level__c!.picklistValues).toEqual([
      { active: true, defaultValue: false, label: 'Low', validFor: null, value: 'Low' },
      { active: true, defaultValue: false, label: 'Medium', validFor: null, value: 'Medium' },
      { active: true, defaultValue: false, label: 'High', validFor: null, value: 'High' },
    ]);
    expect(fields.Deal_Risk_Level__c).toMatchObject({ custom: true, restrictedPicklist: true });
    expect(d.childRelationships).toContainEqual(
      expect.objectContaining({ childSObject: 'OpportunityFieldHistory', field: 'OpportunityId', relationshipName: 'Histories', cascadeDelete: true }),
    );
    const task = described('Task').fields;
    expect(task.Deal_Risk_Key__c).toMatchObject({ externalId: true, idLookup: true, filterable: true });
    expect(task.Status!.picklistValues.find((p) => p.defaultValue)?.value).toBe('Not Started');
  });

  it('when the global describe is asked, then every object is listed with its key prefix and urls', () => {
    const g = describeGlobal(schema) as { maxBatchSize: number; sobjects: Record<string, unknown>[] };
    expect(g.maxBatchSize).toBe(200);
    expect(g.sobjects.map((o) => o.name)).toEqual(expect.arrayContaining(['Opportunity', 'OpportunityFieldHistory', 'Task', 'Event']));
    const history = g.sobjects.find((o) => o.name === 'OpportunityHistory')!;
    expect(history).toMatchObject({ keyPrefix: '008', createable: false, queryable: true });
    expect(history.fields).toBeUndefined();
  });
});
