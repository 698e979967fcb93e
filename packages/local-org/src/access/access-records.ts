/**
 * The rows behind who may see and edit what, added to every dataset the org loads: the built-in
 * profiles, each with its profile-owned permission set; the source metadata's permission sets with
 * their field and object permissions; and one assignment of each user's profile. A user without a
 * ProfileId gets System Administrator, whose permission set has View All Data, Modify All Data and
 * read/edit on every custom field (as when an admin creates a field in Setup).
 */
import { KEY_PREFIX, makeId, sequenceOf } from '../ids.js';
import type { DatasetFile, OrgSchema } from '../model.js';
import type { SourceMetadata } from '../metadata/index.js';
import { SetupError } from '../errors/setup-error.js';
import { isFieldPermissionable } from './field-access.js';

type Row = Record<string, unknown>;

/** The built-in profiles, with fixed ids a dataset can point a User's ProfileId at. */
export const BUILT_IN_PROFILES = [
  { name: 'System Administrator', admin: true },
  { name: 'Standard User', admin: false },
  { name: 'Minimum Access - API Only Integrations', admin: false },
] as const;

/** Id of a built-in profile, and of its profile-owned permission set, by position (1-based). */
export const profileId = (n: number): string => makeId(KEY_PREFIX.Profile, n);
export const profilePermissionSetId = (n: number): string => makeId(KEY_PREFIX.PermissionSet, n);
/** Permission sets from source metadata get ids from this sequence on, in file-name order. */
export const FIRST_SOURCE_PERMISSION_SET = 11;

/** The id of a built-in profile by name (for a dataset User's ProfileId). */
export function builtInProfileId(name: (typeof BUILT_IN_PROFILES)[number]['name']): string {
  return profileId(BUILT_IN_PROFILES.findIndex((p) => p.name === name) + 1);
}

/** The id of the source's n-th permission set (1-based, in file-name order), for a dataset's PermissionSetAssignment. */
export function sourcePermissionSetId(position: number): string {
  return makeId(KEY_PREFIX.PermissionSet, FIRST_SOURCE_PERMISSION_SET + position - 1);
}

function fieldPermissionRows(parentId: string, objectName: string, field: string, read: boolean, edit: boolean): Row[] {
  // Activity fields are one definition on Salesforce, permissioned on Task and Event alike.
  const targets = objectName.toLowerCase() === 'activity' ? ['Task', 'Event'] : [objectName];
  return targets.map((target) => ({ ParentId: parentId, SobjectType: target, Field: `${target}.${field}`, PermissionsRead: read, PermissionsEdit: edit }));
}

/** Adds the access rows to a dataset (its own Profile, PermissionSet, … rows stay, before ours). */
export function withAccessRecords(dataset: DatasetFile, source: SourceMetadata, schema: OrgSchema): DatasetFile {
  const records = { ...dataset.records };
  const profiles: Row[] = [];
  const sets: Row[] = [];
  const fieldPerms: Row[] = [];
  const objectPerms: Row[] = [];
  BUILT_IN_PROFILES.forEach((profile, i) => {
    profiles.push({ Id: profileId(i + 1), Name: profile.name });
    const setId = profilePermissionSetId(i + 1);
    sets.push({
      Id: setId,
      Name: `X00e${String(i + 1).padStart(12, '0')}`,
      Label: profile.name,
      IsOwnedByProfile: true,
      ProfileId: profileId(i + 1),
      PermissionsViewAllData: profile.admin,
      PermissionsModifyAllData: profile.admin,
      PermissionsApiEnabled: true,
    });
    if (!profile.admin) return;
    for (const def of schema.objects()) {
      for (const field of def.fields.filter(isFieldPermissionable)) {
        fieldPerms.push(...fieldPermissionRows(setId, def.name, field.name, true, field.createable || field.updateable));
      }
    }
  });
  source.permissionSets.forEach((set, i) => {
    const setId = sourcePermissionSetId(i + 1);
    sets.push({
      Id: setId,
      Name: set.name,
      Label: set.label,
      Description: set.description ?? null,
      IsOwnedByProfile: false,
      PermissionsViewAllData: set.userPermissions.includes('ViewAllData'),
      PermissionsModifyAllData: set.userPermissions.includes('ModifyAllData'),
      PermissionsApiEnabled: set.userPermissions.includes('ApiEnabled'),
    });
    for (const p of set.fields) {
      // As a deployment would, refuse a permission on a field the source does not define.
      const target = p.object.toLowerCase() === 'activity' ? 'Task' : p.object;
      if (!schema.field(target, p.field)) throw new SetupError([{ key: `permission set ${set.name}`, problem: `grants ${p.object}.${p.field}, which the source does not define` }]);
      fieldPerms.push(...fieldPermissionRows(setId, p.object, p.field, p.read, p.edit));
    }
    for (const p of set.objects) {
      if (!schema.object(p.object)) throw new SetupError([{ key: `permission set ${set.name}`, problem: `grants access to ${p.object}, which the org does not have` }]);
      objectPerms.push({
        ParentId: setId,
        SobjectType: p.object,
        PermissionsRead: p.read,
        PermissionsCreate: p.create,
        PermissionsEdit: p.edit,
        PermissionsDelete: p.delete,
        PermissionsViewAllRecords: p.viewAll,
        PermissionsModifyAllRecords: p.modifyAll,
      });
    }
  });
  // Assignments need the users' ids: give the ones without an id the ids the store would.
  let next = Math.max(0, ...(records.User ?? []).flatMap((user) => (typeof user.Id === 'string' ? [sequenceOf(user.Id)] : [])));
  const users = (records.User ?? []).map((user) => ({
    ...user,
    Id: typeof user.Id === 'string' ? user.Id : makeId(KEY_PREFIX.User, ++next),
    ProfileId: user.ProfileId ?? profileId(1),
  }));
  const assignments = users.flatMap((user) => {
    const n = BUILT_IN_PROFILES.findIndex((_, i) => profileId(i + 1) === user.ProfileId);
    return n < 0 ? [] : [{ AssigneeId: user.Id, PermissionSetId: profilePermissionSetId(n + 1) }];
  });
  records.Profile = [...profiles, ...(records.Profile ?? [])];
  records.PermissionSet = [...sets, ...(records.PermissionSet ?? [])];
  records.FieldPermissions = [...(records.FieldPermissions ?? []), ...fieldPerms];
  records.ObjectPermissions = [...(records.ObjectPermissions ?? []), ...objectPerms];
  records.User = users;
  records.PermissionSetAssignment = [...assignments, ...(records.PermissionSetAssignment ?? [])];
  return { ...dataset, records };
}
