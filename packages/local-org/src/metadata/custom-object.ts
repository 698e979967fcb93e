/**
 * A CustomObject source file (objects/<Object>/<Object>.object-meta.xml): for a custom object its
 * label and name field; for a standard object only the settings the local org honours
 * (enableHistory). https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customobject.htm
 */
import { z } from 'zod';
import { SetupError } from '../errors/setup-error.js';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

const customObjectSchema = z
  .object({
    label: z.string().optional(),
    pluralLabel: z.string().optional(),
    enableHistory: bool.optional(),
    nameField: z.object({ label: z.string(), type: z.enum(['Text', 'AutoNumber']) }).loose().optional(),
  })
  .loose();

/** What an object file says. */
export interface SourceObject {
  name: string;
  custom: boolean;
  label?: string;
  pluralLabel?: string;
  nameFieldLabel?: string;
  enableHistory: boolean;
}

export function readCustomObject(root: Record<string, unknown>, name: string, file: string): SourceObject {
  const parsed = customObjectSchema.safeParse(root);
  if (!parsed.success) throw new SetupError([{ key: file, problem: z.prettifyError(parsed.error).replace(/\n/g, '; ') }]);
  const spec = parsed.data;
  const custom = name.endsWith('__c');
  if (custom && (!spec.label || !spec.pluralLabel || !spec.nameField)) {
    throw new SetupError([{ key: file, problem: 'a custom object needs <label>, <pluralLabel> and <nameField>' }]);
  }
  return {
    name,
    custom,
    enableHistory: spec.enableHistory ?? false,
    ...(spec.label ? { label: spec.label } : {}),
    ...(spec.pluralLabel ? { pluralLabel: spec.pluralLabel } : {}),
    ...(spec.nameField ? { nameFieldLabel: spec.nameField.label } : {}),
  };
}
