import { SetupError } from '../errors/setup-error.js';
import type { ChildRelationshipDef, FieldDef, OrgSchema, SObjectDef } from '../model.js';
import { readSourceMetadata, type SourceMetadata, type SourceObject } from '../metadata/index.js';
import { bundledDemoMetadataDir } from './demo-metadata.js';
import { REQUIRED, auditFields, idField, reference, text } from './fields.js';
import { permissionObjects } from './permission-objects.js';
import { activityViewObjects, activityViewRelationships } from './activity-views.js';
import { SHARED_ACTIVITY_RELATIONSHIPS, sharedActivityObjects } from './shared-activities.js';
import { standardObjects } from './standard-objects.js';

/** Custom objects get key prefixes a01, a02, … in name order, as an org hands out its first ones. */
function customPrefix(index: number): string {
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return `a${digits[Math.floor((index + 1) / 62)]}${digits[(index + 1) % 62]}`;
}

function customObject(spec: SourceObject, index: number): SObjectDef {
  return {
    name: spec.name,
    label: spec.label ?? spec.name,
    labelPlural: spec.pluralLabel ?? spec.name,
    keyPrefix: customPrefix(index),
    custom: true,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    fields: [
      idField(spec.label ?? spec.name),
      text('Name', spec.nameFieldLabel ?? 'Name', 80, REQUIRED),
      reference('OwnerId', 'Owner ID', ['User'], 'Owner', { nillable: false }),
      ...auditFields({ lastModified: true, systemModstamp: true }),
    ],
    childRelationships: [],
  };
}

/**
 * The org's schema: the standard objects, the permission objects, and what the source metadata
 * defines (custom objects, custom fields on any object, help text on standard fields). Fields of
 * `Activity` are added to Task and Event, as Salesforce defines activity fields once. Object and
 * field names are matched case-insensitively. Without a source, the package's metadata/demo.
 */
export function createOrgSchema(metadata: SourceMetadata = readSourceMetadata([bundledDemoMetadataDir()])): OrgSchema {
  const objects = [...standardObjects(), ...sharedActivityObjects(), ...permissionObjects()];
  const byName = new Map<string, SObjectDef>(objects.map((def) => [def.name.toLowerCase(), def]));
  for (const [parent, relationships] of Object.entries(SHARED_ACTIVITY_RELATIONSHIPS)) byName.get(parent.toLowerCase())!.childRelationships.push(...relationships);
  metadata.objects
    .filter((spec) => spec.custom)
    .sort((a, b) => a.name.localeCompare(b.name))
    .forEach((spec, index) => {
      const def = customObject(spec, index);
      objects.push(def);
      byName.set(def.name.toLowerCase(), def);
    });
  byName.get('user')!.childRelationships.push({ relationshipName: 'PermissionSetAssignments', childSObject: 'PermissionSetAssignment', field: 'AssigneeId' });

  const problem = (file: string, text: string) => new SetupError([{ key: file, problem: text }]);
  for (const { objectName, def: f, components = [], trackHistory } of metadata.fields) {
    const targets = objectName.toLowerCase() === 'activity' ? ['Task', 'Event'] : [objectName];
    for (const target of targets) {
      const def = byName.get(target.toLowerCase());
      if (!def) throw problem(`${objectName}.${f.name}`, `custom field for unknown object ${objectName}`);
      if (def.fields.some((existing) => existing.name.toLowerCase() === f.name.toLowerCase())) throw problem(`${objectName}.${f.name}`, `duplicate field ${objectName}.${f.name}`);
      // Custom fields sit before the audit fields, as describe lists them.
      const auditAt = def.fields.findIndex((existing) => existing.name === 'IsDeleted');
      const added = [...components.map((c) => structuredClone(c)), { ...structuredClone(f), custom: true, ...(trackHistory ? { trackHistory: true } : {}) }];
      def.fields.splice(auditAt < 0 ? def.fields.length : auditAt, 0, ...added);
      if (f.type === 'reference' && f.relationshipName) {
        const parent = byName.get(f.referenceTo![0]!.toLowerCase());
        if (!parent) throw problem(`${objectName}.${f.name}`, `lookup to unknown object ${f.referenceTo![0]}`);
        const child: ChildRelationshipDef = { relationshipName: `${f.relationshipName}__r`, childSObject: def.name, field: f.name, cascadeDelete: f.required === true };
        parent.childRelationships.push(child);
        // The parent path from the child is the field's name with __r.
        (def.fields.find((existing) => existing.name === f.name) as FieldDef).relationshipName = f.name.replace(/__c$/, '__r');
      }
    }
  }
  for (const settings of metadata.standardFields) {
    const def = byName.get(settings.objectName.toLowerCase())?.fields.find((f) => f.name.toLowerCase() === settings.name.toLowerCase());
    if (!def) throw problem(`${settings.objectName}.${settings.name}`, `no standard field ${settings.objectName}.${settings.name}`);
    if (settings.inlineHelpText) def.inlineHelpText = settings.inlineHelpText;
    if (settings.trackHistory !== undefined) def.trackHistory = settings.trackHistory;
  }
  trackedFieldPicklist(byName);
  // Ids belong to the objects (the activity and who-relation views hold other objects' rows and own no prefix).
  const byPrefix = new Map<string, SObjectDef>(objects.filter((def) => def.keyPrefix !== '').map((def) => [def.keyPrefix, def]));
  // The activity views take Task's and Event's fields as they now are (custom Activity fields included).
  for (const view of activityViewObjects(byName.get('task')!, byName.get('event')!)) {
    objects.push(view);
    byName.set(view.name.toLowerCase(), view);
  }
  for (const parent of ['Account', 'Contact', 'Opportunity'] as const) byName.get(parent.toLowerCase())!.childRelationships.push(...activityViewRelationships(parent));
  const fieldsByObject = new Map<string, Map<string, FieldDef>>();
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

/** OpportunityFieldHistory.Field lists the creation and every tracked Opportunity field (as describe shows tracking). */
function trackedFieldPicklist(byName: ReadonlyMap<string, SObjectDef>): void {
  const tracked = byName.get('opportunity')!.fields.filter((f) => f.trackHistory).map((f) => f.name);
  const field = byName.get('opportunityfieldhistory')!.fields.find((f) => f.name === 'Field')!;
  field.picklistValues = ['created', ...tracked];
}

function deepFreeze(value: object): void {
  for (const inner of Object.values(value)) if (typeof inner === 'object' && inner !== null) deepFreeze(inner as object);
  Object.freeze(value);
}
