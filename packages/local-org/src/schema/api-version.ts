/**
 * Fields that exist only from some API version on (describe's field list and SOQL both follow the
 * request's version): Opportunity.LastStageChangeDate is "available in API version 52.0 and
 * later", so on v51.0 it is absent from describe and SOQL answers INVALID_FIELD ("No such column").
 */
import type { FieldDef, OrgSchema } from '../model.js';
import { fieldView } from './field-view.js';

/** Whether the field exists at `apiVersion`. */
export function existsAt(field: FieldDef, apiVersion: number): boolean {
  return field.sinceVersion === undefined || apiVersion >= field.sinceVersion;
}

/** The schema as a client of `apiVersion` sees it: fields of later versions removed. */
export function schemaAtVersion(schema: OrgSchema, apiVersion: number): OrgSchema {
  const gated = schema.objects().some((def) => def.fields.some((f) => !existsAt(f, apiVersion)));
  return gated ? fieldView(schema, (_def, field) => (existsAt(field, apiVersion) ? field : undefined)) : schema;
}
