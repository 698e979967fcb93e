/**
 * Fields that exist only from some API version on (describe's field list and SOQL both follow the
 * request's version): Opportunity.LastStageChangeDate is "available in API version 52.0 and
 * later", so on v51.0 it is absent from describe and SOQL answers INVALID_FIELD ("No such column").
 */
import type { FieldDef, OrgSchema, SObjectDef } from '../model.js';

/** Whether the field exists at `apiVersion`. */
export function existsAt(field: FieldDef, apiVersion: number): boolean {
  return field.sinceVersion === undefined || apiVersion >= field.sinceVersion;
}

/** The schema as a client of `apiVersion` sees it: fields of later versions removed. */
export function schemaAtVersion(schema: OrgSchema, apiVersion: number): OrgSchema {
  const gated = schema.objects().some((def) => def.fields.some((f) => !existsAt(f, apiVersion)));
  if (!gated) return schema;
  const views = new Map<SObjectDef, SObjectDef>();
  const viewOf = (def: SObjectDef): SObjectDef => {
    let view = views.get(def);
    if (!view) {
      const fields = def.fields.filter((f) => existsAt(f, apiVersion));
      views.set(def, (view = fields.length === def.fields.length ? def : { ...def, fields }));
    }
    return view;
  };
  return {
    objects: () => schema.objects().map(viewOf),
    object: (name) => {
      const def = schema.object(name);
      return def && viewOf(def);
    },
    field: (objectName, fieldName) => {
      const field = schema.field(objectName, fieldName);
      return field && existsAt(field, apiVersion) ? field : undefined;
    },
    objectForId: (id) => {
      const def = schema.objectForId(id);
      return def && viewOf(def);
    },
  };
}
