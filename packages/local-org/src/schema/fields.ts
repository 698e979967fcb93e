/**
 * Small builders for field definitions, so the standard objects read like a describe summary.
 * Defaults follow Salesforce: createable, updateable, nillable, filterable and sortable unless said.
 */
import type { FieldDef, FieldType } from '../model.js';

export type FieldOptions = Partial<Omit<FieldDef, 'name' | 'label' | 'type'>>;

/** Not writable by clients (formula, roll-up, system-maintained). */
export const READ_ONLY: FieldOptions = { createable: false, updateable: false };
/** Must be given on create and cannot be cleared. */
export const REQUIRED: FieldOptions = { nillable: false, required: true };

export function field(name: string, label: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  return { name, label, type, createable: true, updateable: true, nillable: true, filterable: true, sortable: true, ...options };
}

export function text(name: string, label: string, length: number, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'string', { length, ...options });
}

/** Text areas over 255 characters are "long text areas": neither filterable nor sortable in SOQL. */
export function textArea(name: string, label: string, length: number, options: FieldOptions = {}): FieldDef {
  const long = length > 255 ? { filterable: false, sortable: false } : {};
  return field(name, label, 'textarea', { length, ...long, ...options });
}

export function picklist(name: string, label: string, values: readonly string[], options: FieldOptions = {}): FieldDef {
  return field(name, label, 'picklist', { length: 255, picklistValues: [...values], ...options });
}

export function reference(
  name: string,
  label: string,
  referenceTo: readonly string[],
  relationshipName: string,
  options: FieldOptions = {},
): FieldDef {
  return field(name, label, 'reference', { length: 18, referenceTo: [...referenceTo], relationshipName, ...options });
}

export function numeric(
  name: string,
  label: string,
  type: 'int' | 'double' | 'currency' | 'percent',
  precision: number,
  scale: number,
  options: FieldOptions = {},
): FieldDef {
  return field(name, label, type, { precision, scale, ...options });
}

/** Checkboxes are never null: they default to false (or the given default). */
export function checkbox(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'boolean', { nillable: false, defaultValue: false, ...options });
}

export function date(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'date', options);
}

export function dateTime(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'datetime', options);
}

/** The record id: always present, never written by clients. */
export function idField(objectLabel: string): FieldDef {
  return field('Id', `${objectLabel} ID`, 'id', { length: 18, nillable: false, ...READ_ONLY });
}

/** The system audit fields. History objects have no LastModified pair (and field history no SystemModstamp). */
export function auditFields(options: { lastModified: boolean; systemModstamp: boolean }): FieldDef[] {
  const out: FieldDef[] = [
    checkbox('IsDeleted', 'Deleted', READ_ONLY),
    dateTime('CreatedDate', 'Created Date', { nillable: false, ...READ_ONLY }),
    reference('CreatedById', 'Created By ID', ['User'], 'CreatedBy', { nillable: false, ...READ_ONLY }),
  ];
  if (options.lastModified) {
    out.push(
      dateTime('LastModifiedDate', 'Last Modified Date', { nillable: false, ...READ_ONLY }),
      reference('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', { nillable: false, ...READ_ONLY }),
    );
  }
  if (options.systemModstamp) out.push(dateTime('SystemModstamp', 'System Modstamp', { nillable: false, ...READ_ONLY }));
  return out;
}
