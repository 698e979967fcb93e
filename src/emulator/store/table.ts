import type { FieldDef, SObjectDef, SRecord } from '../model.js';

/** One object's rows and field metadata, prepared once for the write path. */
export interface Table {
  readonly def: SObjectDef;
  readonly name: string;
  /** Canonical field order: every stored record has exactly these keys in this order. */
  readonly fields: readonly FieldDef[];
  readonly fieldByLower: ReadonlyMap<string, FieldDef>;
  /** Insertion order, deleted rows included (flagged IsDeleted). */
  readonly rows: SRecord[];
  /** Reference fields with a children index (grows lazily when SOQL asks for another). */
  readonly indexed: Set<string>;
  readonly uniqueFields: readonly FieldDef[];
  readonly referenceFields: readonly FieldDef[];
}

export function createTable(def: SObjectDef): Table {
  return {
    def,
    name: def.name,
    fields: def.fields,
    fieldByLower: new Map(def.fields.map((f) => [f.name.toLowerCase(), f])),
    rows: [],
    indexed: new Set(),
    uniqueFields: def.fields.filter((f) => f.unique),
    referenceFields: def.fields.filter((f) => f.type === 'reference'),
  };
}

/** A record with every field of the table: nulls, and defaults (checkboxes false) where the schema has them. */
export function blankRecord(table: Table): SRecord {
  const rec: Record<string, unknown> = {};
  for (const f of table.fields) {
    if (f.defaultValue !== undefined && f.defaultValue !== null) rec[f.name] = f.defaultValue;
    else rec[f.name] = f.type === 'boolean' ? false : null;
  }
  rec.Id ??= '';
  rec.IsDeleted ??= false;
  return rec as SRecord;
}

/** Text values compare case-insensitively for uniqueness and external ids, as Salesforce's defaults do. */
export function uniqueKey(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : String(value);
}
