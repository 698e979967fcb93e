/**
 * What one user may do, from their permission set assignments (their profile's own permission set
 * included): View All Data / Modify All Data, View All / Modify All per object, and field-level
 * security per field. Computed from the org's rows once per user.
 */
import type { FieldDef, OrgData } from '../model.js';
import { isFieldPermissionable } from './field-access.js';

export type FieldAccess = 'edit' | 'read' | 'none';

export interface UserAccess {
  userId: string;
  viewAllData: boolean;
  modifyAllData: boolean;
  /** View All (or Modify All) on the object, or View All Data. */
  seesAll(objectName: string): boolean;
  /** Modify All on the object, or Modify All Data. */
  editsAll(objectName: string): boolean;
  /** Field-level security: what the user may do with a field (`edit` for fields FLS does not govern). */
  field(objectName: string, field: FieldDef): FieldAccess;
}

const live = function* <T extends { IsDeleted: boolean }>(rows: Iterable<T>): Generator<T> {
  for (const row of rows) if (!row.IsDeleted) yield row;
};

export function userAccess(data: OrgData, userId: string): UserAccess {
  const setIds = new Set<string>();
  for (const assignment of live(data.rows('PermissionSetAssignment'))) {
    if (assignment.AssigneeId === userId) setIds.add(assignment.PermissionSetId as string);
  }
  const sets = [...setIds].flatMap((id) => {
    const set = data.byId(id);
    return set && !set.IsDeleted ? [set] : [];
  });
  const viewAllData = sets.some((set) => set.PermissionsViewAllData === true);
  const modifyAllData = sets.some((set) => set.PermissionsModifyAllData === true);
  const viewAll = new Set<string>();
  const modifyAll = new Set<string>();
  for (const perm of live(data.rows('ObjectPermissions'))) {
    if (!setIds.has(perm.ParentId as string)) continue;
    const object = String(perm.SobjectType).toLowerCase();
    if (perm.PermissionsModifyAllRecords === true) modifyAll.add(object);
    if (perm.PermissionsViewAllRecords === true || perm.PermissionsModifyAllRecords === true) viewAll.add(object);
  }
  const fields = new Map<string, FieldAccess>();
  for (const perm of live(data.rows('FieldPermissions'))) {
    if (!setIds.has(perm.ParentId as string)) continue;
    const key = String(perm.Field).toLowerCase();
    const access: FieldAccess = perm.PermissionsEdit === true ? 'edit' : perm.PermissionsRead === true ? 'read' : 'none';
    const before = fields.get(key);
    if (before !== 'edit' && (access === 'edit' || before === undefined || (before === 'none' && access === 'read'))) fields.set(key, access);
  }
  return {
    userId,
    viewAllData,
    modifyAllData,
    seesAll: (objectName) => viewAllData || modifyAllData || viewAll.has(objectName.toLowerCase()),
    editsAll: (objectName) => modifyAllData || modifyAll.has(objectName.toLowerCase()),
    field: (objectName, field) => (isFieldPermissionable(field) ? (fields.get(`${objectName}.${field.name}`.toLowerCase()) ?? 'none') : 'edit'),
  };
}
