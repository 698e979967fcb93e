import type { FieldDef } from '../model.js';

/**
 * Whether field-level security applies to a field: custom fields that may be empty (describe's
 * `permissionable`). Required fields are always visible; the local org keeps every standard
 * field visible (a real org also permissions some standard fields, such as Amount).
 */
export function isFieldPermissionable(field: FieldDef): boolean {
  return (field.custom ?? false) && field.nillable;
}
