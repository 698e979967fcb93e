/**
 * A CustomField source file (objects/<Object>/fields/<Field>.field-meta.xml) as the local org's
 * field definition, typed as Salesforce's describe reports it: a custom Number is a `double`,
 * a Long Text Area a `textarea` that SOQL can neither filter nor sort, a formula read-only.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm
 */
import { z } from 'zod';
import { SetupError } from '../errors/setup-error.js';
import type { FieldDef, FieldType } from '../model.js';
import { field, geolocation } from '../schema/fields.js';

/** Metadata field types the local org serves, and the describe type each becomes. */
const TYPES: Record<string, FieldType> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Html: 'textarea',
  Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist',
  Checkbox: 'boolean',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Date: 'date',
  DateTime: 'datetime',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Lookup: 'reference',
  MasterDetail: 'reference',
};

/** Default lengths of the text types that carry none in metadata. */
const FIXED_LENGTH: Partial<Record<FieldType, number>> = { email: 80, phone: 40, url: 255, picklist: 255, multipicklist: 4099, reference: 18 };

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const int = z.string().regex(/^\d+$/, 'expected a whole number').transform(Number);
const text = z.string();

const valueSchema = z.object({ fullName: text, label: text.optional(), default: bool.optional() }).loose();

const customFieldSchema = z
  .object({
    fullName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected an API name'),
    label: text.optional(),
    type: text.optional(),
    length: int.optional(),
    precision: int.optional(),
    scale: int.optional(),
    required: bool.optional(),
    externalId: bool.optional(),
    unique: bool.optional(),
    defaultValue: text.optional(),
    inlineHelpText: text.optional(),
    description: text.optional(),
    formula: text.optional(),
    trackHistory: bool.optional(),
    referenceTo: text.optional(),
    relationshipName: text.optional(),
    valueSet: z
      .object({
        restricted: bool.optional(),
        valueSetDefinition: z.object({ value: z.array(valueSchema).min(1) }).loose().optional(),
        valueSetName: text.optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** A field as read from source: its definition and whether history tracking is on. */
export interface SourceField {
  objectName: string;
  def: FieldDef;
  /** A compound's component fields (a Location's __Latitude__s and __Longitude__s), listed before it. */
  components?: FieldDef[];
  trackHistory: boolean;
}

/** Settings a source file may give a standard field (no type: the field is Salesforce's). */
export interface StandardFieldSettings {
  objectName: string;
  name: string;
  inlineHelpText?: string;
  trackHistory?: boolean;
}

function fail(file: string, problem: string): never {
  throw new SetupError([{ key: file, problem }]);
}

function defaultOf(type: FieldType, raw: string | undefined, file: string): FieldDef['defaultValue'] {
  if (raw === undefined) return type === 'boolean' ? false : undefined;
  if (type === 'boolean') {
    if (raw !== 'true' && raw !== 'false') fail(file, `defaultValue of a Checkbox is true or false, got ${raw}`);
    return raw === 'true';
  }
  // Other defaults are formulas; the local org keeps a quoted literal and refuses the rest.
  const literal = /^"(.*)"$/.exec(raw) ?? /^'(.*)'$/.exec(raw);
  if (literal) return literal[1];
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return fail(file, `defaultValue formula ${raw} is not served by the local org (use a literal)`);
}

/**
 * Reads one parsed CustomField element. A custom field (…__c) becomes a field definition; a
 * standard field's file may only carry help text and history tracking.
 */
export function readCustomField(root: Record<string, unknown>, objectName: string, fileName: string, file: string): SourceField | StandardFieldSettings {
  const parsed = customFieldSchema.safeParse(root);
  if (!parsed.success) fail(file, z.prettifyError(parsed.error).replace(/\n/g, '; '));
  const spec = parsed.data;
  if (spec.fullName !== fileName) fail(file, `fullName ${spec.fullName} does not match the file name ${fileName}`);
  if (!spec.fullName.endsWith('__c')) {
    if (spec.type !== undefined) fail(file, `${spec.fullName} is a standard field: its file may set inlineHelpText and trackHistory, not a type`);
    return { objectName, name: spec.fullName, ...(spec.inlineHelpText ? { inlineHelpText: spec.inlineHelpText } : {}), ...(spec.trackHistory !== undefined ? { trackHistory: spec.trackHistory } : {}) };
  }
  if (!spec.label) fail(file, 'a custom field needs a <label>');
  if (!spec.type) fail(file, 'a custom field needs a <type>');
  if (spec.type === 'Location') {
    // A geolocation: its two number components and the read-only compound (scale: decimal places, default 15).
    const parts = geolocation(spec.fullName, spec.label, spec.scale ?? 15);
    return { objectName, def: parts[2]!, components: parts.slice(0, 2), trackHistory: false };
  }
  const type = TYPES[spec.type];
  if (!type) fail(file, `field type ${spec.type} is not served by the local org (served: ${[...Object.keys(TYPES), 'Location'].join(', ')})`);
  const def = field(spec.fullName, spec.label, type, { custom: true });
  if (type === 'string' || (type === 'textarea' && spec.type !== 'TextArea')) {
    if (spec.length === undefined) fail(file, `a ${spec.type} field needs a <length>`);
    def.length = spec.length;
  } else if (spec.type === 'TextArea') def.length = 255;
  else if (FIXED_LENGTH[type] !== undefined) def.length = FIXED_LENGTH[type];
  if (type === 'textarea' && (def.length ?? 0) > 255) {
    def.filterable = false;
    def.sortable = false;
  }
  if (type === 'double' || type === 'currency' || type === 'percent') {
    if (spec.precision === undefined || spec.scale === undefined) fail(file, `a ${spec.type} field needs <precision> and <scale>`);
    if (spec.precision < 1 || spec.precision > 18 || spec.scale > spec.precision) fail(file, 'precision is 1 to 18 and scale at most the precision');
    def.precision = spec.precision;
    def.scale = spec.scale;
  }
  if (type === 'picklist' || type === 'multipicklist') {
    const values = spec.valueSet?.valueSetDefinition?.value;
    if (!values) fail(file, `a ${spec.type} needs <valueSet><valueSetDefinition> with its values (global value sets are not served)`);
    def.picklistValues = values.map((v) => v.fullName);
    if (spec.valueSet?.restricted) def.restrictedPicklist = true;
    const defaults = values.filter((v) => v.default === true);
    if (defaults[0]) def.defaultValue = defaults[0].fullName;
  }
  if (type === 'reference') {
    if (!spec.referenceTo || !spec.relationshipName) fail(file, `a ${spec.type} field needs <referenceTo> and <relationshipName>`);
    def.referenceTo = [spec.referenceTo];
    def.relationshipName = spec.relationshipName;
    if (spec.type === 'MasterDetail') Object.assign(def, { nillable: false, required: true });
  }
  if (type === 'boolean') def.nillable = false;
  const defaultValue = spec.formula === undefined ? defaultOf(type, spec.defaultValue, file) : undefined;
  if (defaultValue !== undefined) def.defaultValue = defaultValue;
  if (spec.required && type !== 'boolean') Object.assign(def, { required: true, nillable: false });
  if (spec.externalId) def.externalId = true;
  if (spec.unique) def.unique = true;
  if (spec.inlineHelpText) def.inlineHelpText = spec.inlineHelpText;
  if (spec.formula !== undefined) Object.assign(def, { createable: false, updateable: false, calculatedFormula: spec.formula });
  return { objectName, def, trackHistory: spec.trackHistory ?? false };
}
