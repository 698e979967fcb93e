/**
 * Small builders for field definitions, so the standard objects read like a describe summary.
 * Defaults follow Salesforce: createable, updateable, nillable, filterable and sortable unless said.
 */
import type { FieldDef, FieldType } from '../model.js';

export type FieldOptions = Partial<Omit<FieldDef, 'name' | 'label' | 'type'>>;

/** Not writable by clients (formula, roll-up, system-maintained). */
export const READ_ONLY: FieldOptions = { createable: false, updateable: false };
/** Must be given on create and cannot be cleared. */
export const REQUIRED: FieldOptions = { nillable: false, required: true };

export function field(name: string, label: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  return { name, label, type, createable: true, updateable: true, nillable: true, filterable: true, sortable: true, ...options };
}

export function text(name: string, label: string, length: number, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'string', { length, ...options });
}

/** Text areas over 255 characters are "long text areas": neither filterable nor sortable in SOQL. */
export function textArea(name: string, label: string, length: number, options: FieldOptions = {}): FieldDef {
  const long = length > 255 ? { filterable: false, sortable: false } : {};
  return field(name, label, 'textarea', { length, ...long, ...options });
}

export function picklist(name: string, label: string, values: readonly string[], options: FieldOptions = {}): FieldDef {
  return field(name, label, 'picklist', { length: 255, picklistValues: [...values], ...options });
}

export function reference(
  name: string,
  label: string,
  referenceTo: readonly string[],
  relationshipName: string,
  options: FieldOptions = {},
): FieldDef {
  return field(name, label, 'reference', { length: 18, referenceTo: [...referenceTo], relationshipName, ...options });
}

export function numeric(
  name: string,
  label: string,
  type: 'int' | 'double' | 'currency' | 'percent',
  precision: number,
  scale: number,
  options: FieldOptions = {},
): FieldDef {
  return field(name, label, type, { precision, scale, ...options });
}

/** Checkboxes are never null: they default to false (or the given default). */
export function checkbox(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'boolean', { nillable: false, defaultValue: false, ...options });
}

export function date(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'date', options);
}

export function dateTime(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'datetime', options);
}

/** The record id: always present, never written by clients. */
export function idField(objectLabel: string): FieldDef {
  return field('Id', `${objectLabel} ID`, 'id', { length: 18, nillable: false, ...READ_ONLY });
}

/** The system audit fields. History objects have no LastModified pair (and field history no SystemModstamp). */
export function auditFields(options: { lastModified: boolean; systemModstamp: boolean }): FieldDef[] {
  const out: FieldDef[] = [
    checkbox('IsDeleted', 'Deleted', READ_ONLY),
    dateTime('CreatedDate', 'Created Date', { nillable: false, ...READ_ONLY }),
    reference('CreatedById', 'Created By ID', ['User'], 'CreatedBy', { nillable: false, ...READ_ONLY }),
  ];
  if (options.lastModified) {
    out.push(
      dateTime('LastModifiedDate', 'Last Modified Date', { nillable: false, ...READ_ONLY }),
      reference('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', { nillable: false, ...READ_ONLY }),
    );
  }
  if (options.systemModstamp) out.push(dateTime('SystemModstamp', 'System Modstamp', { nillable: false, ...READ_ONLY }));
  return out;
}

/** The geocode accuracy picklist of standard addresses. */
const GEOCODE_ACCURACY = ['Address', 'NearAddress', 'Block', 'Street', 'ExtendedZip', 'Zip', 'Neighborhood', 'City', 'County', 'State', 'Unknown'];

/** Latitude or longitude: 18 digits, 15 after the point, as standard addresses and geolocations describe them. */
function coordinate(name: string, label: string, scale: number, compound: string): FieldDef {
  return numeric(name, label, 'double', 18, scale, { compoundFieldName: compound });
}

/** A compound field: read-only, not filterable, sortable or groupable; its value is built from `components`. */
function compound(name: string, label: string, type: 'address' | 'location', components: Record<string, string>): FieldDef {
  return field(name, label, type, { ...READ_ONLY, filterable: false, sortable: false, components });
}

/**
 * A standard address (`Mailing`, `Billing`…): its components, then the compound `<prefix>Address`
 * whose value is `{city, country, geocodeAccuracy, latitude, longitude, postalCode, state, street}`
 * (no state/country codes: the org has no state and country picklists).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/compound_fields_address.htm
 */
export function address(prefix: string, label: string): FieldDef[] {
  const name = `${prefix}Address`;
  const part = { compoundFieldName: name };
  return [
    textArea(`${prefix}Street`, `${label} Street`, 255, part),
    text(`${prefix}City`, `${label} City`, 40, part),
    text(`${prefix}State`, `${label} State/Province`, 80, part),
    text(`${prefix}PostalCode`, `${label} Zip/Postal Code`, 20, part),
    text(`${prefix}Country`, `${label} Country`, 80, part),
    coordinate(`${prefix}Latitude`, `${label} Latitude`, 15, name),
    coordinate(`${prefix}Longitude`, `${label} Longitude`, 15, name),
    picklist(`${prefix}GeocodeAccuracy`, `${label} Geocode Accuracy`, GEOCODE_ACCURACY, { ...part, restrictedPicklist: true }),
    compound(name, `${label} Address`, 'address', {
      city: `${prefix}City`,
      country: `${prefix}Country`,
      geocodeAccuracy: `${prefix}GeocodeAccuracy`,
      latitude: `${prefix}Latitude`,
      longitude: `${prefix}Longitude`,
      postalCode: `${prefix}PostalCode`,
      state: `${prefix}State`,
      street: `${prefix}Street`,
    }),
  ];
}

/**
 * A geolocation custom field `Name__c`: components `Name__Latitude__s` and `Name__Longitude__s`
 * (doubles with `scale` decimals) and the compound `Name__c` whose value is `{latitude, longitude}`.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/compound_fields_geolocation.htm
 */
export function geolocation(name: string, label: string, scale: number, options: FieldOptions = {}): FieldDef[] {
  const base = name.replace(/__c$/, '');
  return [
    coordinate(`${base}__Latitude__s`, `${label} (Latitude)`, scale, name),
    coordinate(`${base}__Longitude__s`, `${label} (Longitude)`, scale, name),
    { ...compound(name, label, 'location', { latitude: `${base}__Latitude__s`, longitude: `${base}__Longitude__s` }), ...options },
  ].map((f) => ({ ...f, custom: true }));
}
