import type { FieldDef, OrgSchema, SObjectDef } from '../model.js';

/**
 * The schema seen through a per-field rule (an API version's fields, a user's field-level
 * security): `mapField` answers the field as that client sees it, or undefined when it is absent.
 * Each object's view is built once.
 */
export function fieldView(schema: OrgSchema, mapField: (def: SObjectDef, field: FieldDef) => FieldDef | undefined): OrgSchema {
  const views = new Map<SObjectDef, { def: SObjectDef; byName: Map<string, FieldDef> }>();
  const viewOf = (def: SObjectDef) => {
    let view = views.get(def);
    if (!view) {
      const fields = def.fields.flatMap((f) => mapField(def, f) ?? []);
      const same = fields.length === def.fields.length && fields.every((f, i) => f === def.fields[i]);
      view = { def: same ? def : { ...def, fields }, byName: new Map(fields.map((f) => [f.name.toLowerCase(), f])) };
      views.set(def, view);
    }
    return view;
  };
  return {
    objects: () => schema.objects().map((def) => viewOf(def).def),
    object: (name) => {
      const def = schema.object(name);
      return def && viewOf(def).def;
    },
    field: (objectName, fieldName) => {
      const def = schema.object(objectName);
      return def && viewOf(def).byName.get(fieldName.toLowerCase());
    },
    objectForId: (id) => {
      const def = schema.objectForId(id);
      return def && viewOf(def).def;
    },
  };
}
