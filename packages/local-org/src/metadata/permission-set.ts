/**
 * A PermissionSet source file (permissionsets/<Name>.permissionset-meta.xml): the field-level
 * security, object permissions and user permissions the local org enforces.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_permissionset.htm
 */
import { z } from 'zod';
import { SetupError } from '../errors/setup-error.js';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

const permissionSetSchema = z
  .object({
    label: z.string().min(1),
    description: z.string().optional(),
    fieldPermissions: z
      .array(z.object({ field: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$/, 'expected Object.Field'), readable: bool, editable: bool }).loose())
      .optional(),
    objectPermissions: z
      .array(
        z
          .object({
            object: z.string().min(1),
            allowRead: bool,
            allowCreate: bool,
            allowEdit: bool,
            allowDelete: bool,
            viewAllRecords: bool,
            modifyAllRecords: bool,
          })
          .loose(),
      )
      .optional(),
    userPermissions: z.array(z.object({ name: z.string().min(1), enabled: bool }).loose()).optional(),
  })
  .loose();

export interface SourceFieldPermission {
  object: string;
  field: string;
  read: boolean;
  edit: boolean;
}

export interface SourceObjectPermission {
  object: string;
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
  viewAll: boolean;
  modifyAll: boolean;
}

/** A permission set as read from source. */
export interface SourcePermissionSet {
  name: string;
  label: string;
  description?: string;
  fields: SourceFieldPermission[];
  objects: SourceObjectPermission[];
  /** Enabled user permissions by API name (ViewAllData, ModifyAllData, …). */
  userPermissions: string[];
}

export function readPermissionSet(root: Record<string, unknown>, name: string, file: string): SourcePermissionSet {
  const parsed = permissionSetSchema.safeParse(root);
  if (!parsed.success) throw new SetupError([{ key: file, problem: z.prettifyError(parsed.error).replace(/\n/g, '; ') }]);
  const spec = parsed.data;
  const fields = (spec.fieldPermissions ?? []).map((p) => {
    const [object, field] = p.field.split('.') as [string, string];
    if (p.editable && !p.readable) throw new SetupError([{ key: file, problem: `${p.field}: an editable field must also be readable` }]);
    return { object, field, read: p.readable, edit: p.editable };
  });
  const objects = (spec.objectPermissions ?? []).map((p) => {
    if ((p.viewAllRecords || p.allowEdit) && !p.allowRead) throw new SetupError([{ key: file, problem: `${p.object}: View All and Edit need Read` }]);
    return { object: p.object, read: p.allowRead, create: p.allowCreate, edit: p.allowEdit, delete: p.allowDelete, viewAll: p.viewAllRecords, modifyAll: p.modifyAllRecords };
  });
  return {
    name,
    label: spec.label,
    ...(spec.description ? { description: spec.description } : {}),
    fields,
    objects,
    userPermissions: (spec.userPermissions ?? []).filter((p) => p.enabled).map((p) => p.name),
  };
}
