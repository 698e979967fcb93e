/**
 * Salesforce record ids: a 3-character key prefix, a 12-character body (15 characters,
 * case-sensitive) and a 3-character case-safe suffix that makes the 18-character form.
 * https://help.salesforce.com/s/articleView?id=000385008
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character suffix: one bit per upper-case letter in each 5-character chunk. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/;

/**
 * Normalises a 15- or 18-character id to 18 characters; undefined when it is not a well-formed id.
 * An id already in its 18-character form comes back as the same string: a store of millions of
 * ids then holds each once, not a copy built from its parts.
 */
export function toId18(id: string): string | undefined {
  if (!ID_PATTERN.test(id)) return undefined;
  // caseSafeSuffix reads the first 15 characters only.
  if (id.length === 18 && id.endsWith(caseSafeSuffix(id))) return id;
  const id15 = id.slice(0, 15);
  const id18 = id15 + caseSafeSuffix(id15);
  if (id.length === 18 && id.slice(15).toUpperCase() !== id18.slice(15)) return undefined;
  return id18;
}
