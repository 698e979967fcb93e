/**
 * A small hand-made org for the SOQL engine's unit tests: a schema of the objects dealrisk reads
 * (with the flags that matter to SOQL: filterable, sortable, custom, relationships) and an
 * in-memory OrgData with a pinned clock. Independent of the real schema in src/schema.
 */
import { KEY_PREFIX, makeId } from '../../src/ids.js';
import type { ChildRelationshipDef, FieldDef, FieldType, OrgData, OrgSchema, SObjectDef, SRecord } from '../../src/model.js';

function f(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return { name, label: name, type, createable: true, updateable: true, nillable: true, filterable: true, sortable: true, ...extra };
}

function ref(name: string, to: string[], relationshipName: string, extra: Partial<FieldDef> = {}): FieldDef {
  return f(name, 'reference', { referenceTo: to, relationshipName, ...extra });
}

const system = (): FieldDef[] => [
  f('Id', 'id', { createable: false, updateable: false, nillable: false }),
  f('IsDeleted', 'boolean', { createable: false, updateable: false, nillable: false }),
  f('CreatedDate', 'datetime', { createable: false, updateable: false }),
];

const longText = { filterable: false, sortable: false, length: 32_000 };

function object(name: string, fields: FieldDef[], childRelationships: ChildRelationshipDef[] = [], extra: Partial<SObjectDef> = {}): SObjectDef {
  const keyPrefix = (KEY_PREFIX as Record<string, string>)[name] ?? '';
  return {
    name,
    label: name,
    labelPlural: `${name}s`,
    keyPrefix,
    custom: false,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    fields: [...system(), ...fields],
    childRelationships,
    ...extra,
  };
}

const OBJECTS: SObjectDef[] = [
  object('User', [f('Name', 'string'), f('Email', 'email'), f('IsActive', 'boolean')]),
  object(
    'Account',
    [f('Name', 'string'), ref('OwnerId', ['User'], 'Owner'), f('Industry', 'picklist'), f('AnnualRevenue', 'currency'), f('Description', 'textarea', longText)],
    [
      { relationshipName: 'Opportunities', childSObject: 'Opportunity', field: 'AccountId' },
      { relationshipName: 'Contacts', childSObject: 'Contact', field: 'AccountId' },
    ],
  ),
  object('Contact', [
    f('FirstName', 'string'),
    f('LastName', 'string'),
    f('Email', 'email'),
    ref('AccountId', ['Account'], 'Account'),
    f('Stakeholder_Profile__c', 'picklist', { custom: true }),
  ]),
  object(
    'Opportunity',
    [
      f('Name', 'string'),
      ref('AccountId', ['Account'], 'Account'),
      ref('OwnerId', ['User'], 'Owner'),
      f('StageName', 'picklist'),
      f('Amount', 'currency'),
      f('Probability', 'percent'),
      f('CloseDate', 'date'),
      f('IsClosed', 'boolean'),
      f('IsWon', 'boolean'),
      f('LastStageChangeDate', 'datetime'),
      f('Description', 'textarea', longText),
      f('Deal_Risk_Score__c', 'double', { custom: true }),
      f('Risk_Flags__c', 'multipicklist', { custom: true }),
    ],
    [
      { relationshipName: 'OpportunityContactRoles', childSObject: 'OpportunityContactRole', field: 'OpportunityId' },
      { relationshipName: 'OpportunityHistories', childSObject: 'OpportunityHistory', field: 'OpportunityId' },
      { relationshipName: 'Tasks', childSObject: 'Task', field: 'WhatId' },
    ],
  ),
  object('OpportunityContactRole', [
    ref('OpportunityId', ['Opportunity'], 'Opportunity'),
    ref('ContactId', ['Contact'], 'Contact'),
    f('Role', 'picklist'),
    f('IsPrimary', 'boolean'),
  ]),
  object('OpportunityHistory', [ref('OpportunityId', ['Opportunity'], 'Opportunity'), f('StageName', 'picklist'), f('Amount', 'currency'), f('CloseDate', 'date')]),
  object('Task', [ref('WhatId', ['Opportunity', 'Account'], 'What'), ref('WhoId', ['Contact'], 'Who'), f('Subject', 'string'), f('ActivityDate', 'date'), f('Status', 'picklist')]),
];

/** The fixture schema: objects and fields looked up case-insensitively, objects by key prefix. */
export function fixtureSchema(): OrgSchema {
  const byName = new Map(OBJECTS.map((def) => [def.name.toLowerCase(), def]));
  const byPrefix = new Map(OBJECTS.map((def) => [def.keyPrefix, def]));
  return {
    objects: () => OBJECTS,
    object: (name) => byName.get(name.toLowerCase()),
    field: (objectName, fieldName) => byName.get(objectName.toLowerCase())?.fields.find((def) => def.name.toLowerCase() === fieldName.toLowerCase()),
    objectForId: (id) => byPrefix.get(id.slice(0, 3)),
  };
}

/** An in-memory org whose rows tests add directly (ids assigned, unset fields null). */
export interface FixtureOrg extends OrgData {
  add(objectName: string, values: Record<string, unknown>): SRecord;
  /** Moves a row to the recycle bin (IsDeleted = true). */
  remove(id: string): void;
}

/** An empty fixture org whose clock stands still at `now`. */
export function fixtureOrg(now: string): FixtureOrg {
  const schema = fixtureSchema();
  const tables = new Map<string, SRecord[]>();
  const ids = new Map<string, SRecord>();
  let sequence = 0;
  let childIndex: Map<string, Map<string, SRecord[]>> | undefined;

  return {
    schema,
    clock: { now: () => new Date(now) },
    rows: (objectName) => tables.get(schema.object(objectName)?.name ?? objectName) ?? [],
    byId: (id) => ids.get(id),
    children(childObject, field, parentId) {
      childIndex ??= new Map();
      const key = `${childObject}.${field}`;
      let index = childIndex.get(key);
      if (!index) {
        index = new Map();
        for (const row of tables.get(childObject) ?? []) {
          const parent = row[field];
          if (typeof parent !== 'string') continue;
          const list = index.get(parent) ?? [];
          list.push(row);
          index.set(parent, list);
        }
        childIndex.set(key, index);
      }
      return index.get(parentId) ?? [];
    },
    add(objectName, values) {
      const def = schema.object(objectName);
      if (!def) throw new Error(`fixture has no object ${objectName}`);
      sequence += 1;
      const row: Record<string, unknown> = {};
      for (const field of def.fields) row[field.name] = null;
      Object.assign(row, { Id: makeId(def.keyPrefix, sequence), IsDeleted: false, CreatedDate: now.replace('Z', '+0000') }, values);
      const record = row as SRecord;
      const table = tables.get(def.name) ?? [];
      table.push(record);
      tables.set(def.name, table);
      ids.set(record.Id, record);
      childIndex = undefined;
      return record;
    },
    remove(id) {
      const row = ids.get(id);
      if (row) row.IsDeleted = true;
    },
  };
}
