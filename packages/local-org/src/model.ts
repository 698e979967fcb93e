/**
 * The local org's data model: the contract between its schema, its record store, its SOQL
 * engine, its HTTP routes and its datasets: types, and the one load order they share.
 *
 * Wire conventions for stored values (what Salesforce's REST API returns):
 * - date: 'YYYY-MM-DD'; datetime: 'YYYY-MM-DDTHH:mm:ss.SSS+0000' (UTC);
 * - numbers as JS numbers, checkboxes as booleans, multipicklists as 'A;B', absent values as null;
 * - ids always 18 characters; field names in their canonical (describe) spelling.
 */

export type FieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'email'
  | 'phone'
  | 'url'
  /** Compound fields (read-only, built from their components): a standard address, a geolocation. */
  | 'address'
  | 'location';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Text length limit (string, textarea, picklist, email, phone, url). */
  length?: number;
  /** Total digits and digits after the point (number, currency, percent). */
  precision?: number;
  scale?: number;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  /** A create without it answers REQUIRED_FIELD_MISSING (createable, not nillable, no default). */
  required?: boolean;
  defaultValue?: string | number | boolean | null;
  externalId?: boolean;
  unique?: boolean;
  custom?: boolean;
  picklistValues?: string[];
  /** Values outside `picklistValues` answer INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST. */
  restrictedPicklist?: boolean;
  /** For references: the target object(s) and the parent relationship name (e.g. Account). */
  referenceTo?: string[];
  relationshipName?: string;
  /** Filterable in SOQL WHERE (long text areas are not). */
  filterable?: boolean;
  /** Sortable in ORDER BY (long text areas are not). */
  sortable?: boolean;
  /** The help text a rep sees next to the field (describe's inlineHelpText). */
  inlineHelpText?: string;
  /** A formula field's formula (describe's calculatedFormula); such fields are read-only. */
  calculatedFormula?: string;
  /** The first API version that has the field (e.g. 52 for LastStageChangeDate); older versions neither describe nor query it. */
  sinceVersion?: number;
  /** Field history tracking is on: a change writes a field history row (Opportunity). */
  trackHistory?: boolean;
  /** A compound field's parts: the wire key of each (`city`, `latitude`…) → its component field. */
  components?: Readonly<Record<string, string>>;
  /** A component's compound field (describe's `compoundFieldName`), e.g. MailingCity → MailingAddress. */
  compoundFieldName?: string;
}

export interface ChildRelationshipDef {
  /** e.g. OpportunityContactRoles */
  relationshipName: string;
  /** e.g. OpportunityContactRole */
  childSObject: string;
  /** The child's reference field, e.g. OpportunityId */
  field: string;
  /** Deleting the parent moves these children to the recycle bin too (describe's cascadeDelete); default false. */
  cascadeDelete?: boolean;
}

export interface SObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  queryable: boolean;
  fields: FieldDef[];
  childRelationships: ChildRelationshipDef[];
}

/** The org's objects, looked up case-insensitively as Salesforce does. */
export interface OrgSchema {
  objects(): readonly SObjectDef[];
  object(name: string): SObjectDef | undefined;
  field(objectName: string, fieldName: string): FieldDef | undefined;
  /** The object an id belongs to, from its key prefix. */
  objectForId(id: string): SObjectDef | undefined;
}

/** One stored record: canonical field name → wire value. Always has Id and IsDeleted. */
export type SRecord = Record<string, unknown> & { Id: string; IsDeleted: boolean };

/** The org's clock: starts at `--as-of` (or the real time) and runs on from there. */
export interface OrgClock {
  now(): Date;
}

/** What the SOQL engine reads: rows by object (deleted ones included, flagged) and by id. */
export interface OrgData {
  readonly schema: OrgSchema;
  readonly clock: OrgClock;
  /** Every row of an object, in insertion order, including deleted rows (IsDeleted = true). */
  rows(objectName: string): Iterable<SRecord>;
  byId(id: string): SRecord | undefined;
  /** Rows of `childObject` whose `field` equals `parentId` (indexed), deleted ones included. */
  children(childObject: string, field: string, parentId: string): readonly SRecord[];
}

/** The order datasets list and load objects in: parents before the rows that point at them. */
export const DATASET_OBJECT_ORDER = [
  'Organization',
  'User',
  'OpportunityStage',
  'Account',
  'Contact',
  'Lead',
  'Opportunity',
  'OpportunityContactRole',
  'OpportunityHistory',
  'OpportunityFieldHistory',
  'Task',
  'Event',
  'TaskRelation',
  'EventRelation',
] as const;

/**
 * An exact org to load (`--dataset file.json`, tests). Records may carry system fields a client
 * cannot set (CreatedDate, LastStageChangeDate, history rows) and their own ids; missing ids are
 * assigned. Records of an object are inserted in array order; objects in dependency order.
 */
export interface DatasetFile {
  /** The org's current time at start-up, ISO 8601; overridden by --as-of. */
  asOf?: string;
  records: Record<string, Record<string, unknown>[]>;
}
