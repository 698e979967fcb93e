/**
 * Compound fields (addresses, geolocations) are not stored: their value is built from their
 * components whenever a record is read, so it can never disagree with them.
 */
import type { FieldDef } from '../model.js';

/**
 * The value of `field` in a stored row: the stored value, or for a compound field the object of
 * its components (`{city, …, street}`, `{latitude, longitude}`), null when every component is empty.
 */
export function readField(field: FieldDef, row: Readonly<Record<string, unknown>>): unknown {
  if (!field.components) return row[field.name] ?? null;
  const value: Record<string, unknown> = {};
  let empty = true;
  for (const [key, component] of Object.entries(field.components)) {
    const part = row[component] ?? null;
    if (part !== null) empty = false;
    value[key] = part;
  }
  return empty ? null : value;
}
