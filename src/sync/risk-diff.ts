/**
 * Compares the risk fields dealrisk would write with the values already on the record, as
 * Salesforce stores them, so an unchanged deal costs no write: empty text is stored as null,
 * date-times have whole seconds (and come back as `…T12:00:00.000+0000`), numbers come back as
 * numbers at the field's scale (dealrisk rounds before writing).
 */

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;

/** One value as Salesforce would read it back. */
export function storedForm(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return Math.round(value * 1e6) / 1e6;
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (DATE_TIME.test(text)) {
    const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isNaN(ms)) return new Date(Math.floor(ms / 1000) * 1000).toISOString();
  }
  return text;
}

/**
 * The fields of `desired` whose stored form differs from `stored`, plus `stampField` (the "risk
 * fields last changed" date-time) when any other did; undefined when nothing changed.
 */
export function changedFields(
  desired: Record<string, unknown> & { Id: string },
  stored: Record<string, unknown>,
  stampField: string | undefined,
): (Record<string, unknown> & { Id: string }) | undefined {
  const { Id, ...fields } = desired;
  const changed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === stampField) continue;
    if (storedForm(value) !== storedForm(stored[name])) changed[name] = value ?? null;
  }
  if (Object.keys(changed).length === 0) return undefined;
  if (stampField) changed[stampField] = fields[stampField];
  return { Id, ...changed };
}
