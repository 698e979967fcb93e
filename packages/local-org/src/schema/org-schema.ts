import { SetupError } from '../errors/setup-error.js';
import type { FieldDef, OrgSchema, SObjectDef } from '../model.js';
import { CUSTOM_FIELDS_KEY, type CustomFields, loadCustomFields } from './custom-fields.js';
import { activityViewObjects, activityViewRelationships } from './activity-views.js';
import { standardObjects } from './standard-objects.js';

/**
 * The org's schema: the standard objects plus the custom fields (by default from
 * the package's schema/custom-fields.json). Object and field names are matched case-insensitively.
 */
export function createOrgSchema(customFields: CustomFields = loadCustomFields()): OrgSchema {
  const objects = standardObjects();
  const byName = new Map<string, SObjectDef>();
  const byPrefix = new Map<string, SObjectDef>();
  const fieldsByObject = new Map<string, Map<string, FieldDef>>();
  for (const def of objects) {
    byName.set(def.name.toLowerCase(), def);
    byPrefix.set(def.keyPrefix, def);
  }
  for (const [objectName, fields] of Object.entries(customFields)) {
    const def = byName.get(objectName.toLowerCase());
    if (!def) throw new SetupError([{ key: CUSTOM_FIELDS_KEY, problem: `custom fields for unknown object ${objectName}` }]);
    for (const f of fields) {
      if (def.fields.some((existing) => existing.name.toLowerCase() === f.name.toLowerCase())) {
        throw new SetupError([{ key: CUSTOM_FIELDS_KEY, problem: `duplicate field ${objectName}.${f.name}` }]);
      }
      // Custom fields sit before the audit fields, as describe lists them.
      const auditAt = def.fields.findIndex((existing) => existing.name === 'IsDeleted');
      def.fields.splice(auditAt < 0 ? def.fields.length : auditAt, 0, { ...f, custom: true });
    }
  }
  // The activity views take Task's and Event's fields as they now are (custom Activity fields included).
  for (const view of activityViewObjects(byName.get('task')!, byName.get('event')!)) {
    objects.push(view);
    byName.set(view.name.toLowerCase(), view);
  }
  for (const parent of ['Account', 'Contact', 'Opportunity'] as const) byName.get(parent.toLowerCase())!.childRelationships.push(...activityViewRelationships(parent));
  for (const def of objects) fieldsByObject.set(def.name.toLowerCase(), new Map(def.fields.map((f) => [f.name.toLowerCase(), f])));
  // Fixed once built: what an org's data defines (its stage picklist) is answered by the store, never written here.
  for (const def of objects) deepFreeze(def);

  return {
    objects: () => objects,
    object: (name) => byName.get(name.toLowerCase()),
    field: (objectName, fieldName) => fieldsByObject.get(objectName.toLowerCase())?.get(fieldName.toLowerCase()),
    objectForId: (id) => byPrefix.get(id.slice(0, 3)),
  };
}

function deepFreeze(value: object): void {
  for (const inner of Object.values(value)) if (typeof inner === 'object' && inner !== null) deepFreeze(inner as object);
  Object.freeze(value);
}
