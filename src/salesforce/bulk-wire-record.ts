import { normaliseDateTime } from '@dealrisk/salesforce-wire';
import type { WireRecord } from './map-records.js';

/** Field name → Salesforce field type (describe's `type`), of the object a Bulk query reads. */
export type FieldTypes = ReadonlyMap<string, string>;

const NUMERIC = new Set(['int', 'double', 'currency', 'percent', 'long']);

/** One CSV value as the REST API's JSON carries it: CSV has text only, REST has numbers, booleans and '+0000' date-times. */
function typed(text: string, type: string | undefined): unknown {
  // Bulk 2.0 writes null as an empty value; Salesforce stores empty text as null, so REST says null too.
  if (text === '') return null;
  if (type === 'boolean') return text === 'true';
  if (type !== undefined && NUMERIC.has(type)) return Number(text);
  if (type === 'datetime') return normaliseDateTime(text) ?? text;
  return text;
}

/**
 * A Bulk results row (CSV header → text) as the REST query returns the same record: values typed
 * by the object's describe, parent paths (`Contact.Name`) nested as REST nests them. A parent
 * path's value is read as text (the parents the deal read selects, Contact's name and profile and
 * an activity's WhatId, are text and ids).
 */
export function toWireRecord(row: Record<string, string>, types: FieldTypes): WireRecord {
  const record: WireRecord = {};
  for (const [column, text] of Object.entries(row)) {
    const path = column.split('.');
    let target = record;
    for (const hop of path.slice(0, -1)) target = (target[hop] ??= {}) as WireRecord;
    target[path[path.length - 1]!] = typed(text, path.length === 1 ? types.get(column) : undefined);
  }
  return record;
}
