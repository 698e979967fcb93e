/**
 * Polymorphic relationships (a reference to more than one object: Task.Who, Task.What,
 * TaskRelation.Relation…). Through a path such as `Who.Name` only the fields of Salesforce's
 * `Name` object resolve — `Id`, `Name`, `Type` (the record's object), and the person fields —
 * read from whatever record the id points at (null where it has no such field), and the nested
 * record's `attributes.type` is `Name`. `TYPEOF What WHEN Opportunity THEN Amount … ELSE Name END`
 * picks fields by the record's actual object.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_relationships_and_polymorph_keys.htm
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_typeof.htm
 */
import type { FieldDef, OrgSchema, SObjectDef, SRecord } from '../model.js';
import { READ_ONLY, checkbox, field, idField, text } from '../schema/fields.js';

/** The object a polymorphic path resolves against. */
export const NAME_OBJECT: SObjectDef = {
  name: 'Name',
  label: 'Name',
  labelPlural: 'Names',
  keyPrefix: '',
  custom: false,
  createable: false,
  updateable: false,
  deletable: false,
  queryable: false,
  fields: [
    idField('Name'),
    text('Name', 'Name', 255, READ_ONLY),
    text('Type', 'Type', 40, READ_ONLY),
    text('FirstName', 'First Name', 40, READ_ONLY),
    text('LastName', 'Last Name', 80, READ_ONLY),
    text('Alias', 'Alias', 8, READ_ONLY),
    field('Email', 'Email', 'email', { length: 128, ...READ_ONLY }),
    field('Phone', 'Phone', 'phone', { length: 40, ...READ_ONLY }),
    text('Title', 'Title', 128, READ_ONLY),
    text('Username', 'Username', 80, READ_ONLY),
    checkbox('IsActive', 'Active', READ_ONLY),
  ],
  childRelationships: [],
};

/** Whether a reference field points at more than one object. */
export function isPolymorphic(reference: FieldDef): boolean {
  return (reference.referenceTo?.length ?? 0) > 1;
}

/** A Name object field's value for the record `target` points at: its object for Type, else its own field. */
export function nameValue(target: SRecord, fieldName: string, schema: OrgSchema): unknown {
  if (fieldName === 'Type') return schema.objectForId(target.Id)?.name ?? null;
  return target[fieldName] ?? null;
}

/** One WHEN branch of a TYPEOF, resolved: the object and its field names. */
export interface TypeofBranch {
  object: SObjectDef;
  fields: FieldDef[];
}

/** `TYPEOF <relationship> WHEN <Object> THEN <fields> … [ELSE <fields>] END` as a select item. */
export interface TypeofItem {
  kind: 'typeof';
  referenceField: string;
  relationshipName: string;
  branches: TypeofBranch[];
  /** ELSE: fields of the Name object; without it an unmatched record reads as null. */
  otherwise: FieldDef[] | undefined;
}
