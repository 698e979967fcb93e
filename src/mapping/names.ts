import { z } from 'zod';

/**
 * A Salesforce API name: letters, digits and single underscores, starting with a letter and not
 * ending in one, with an optional namespace prefix (`ns__`) and an optional `__c` or `__r`
 * suffix. Nothing else can reach a SOQL statement, so a mapping cannot inject SOQL.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_concepts.htm
 */
const API_NAME = /^(?:[A-Za-z][A-Za-z0-9]{0,14}__)?[A-Za-z](?:[A-Za-z0-9]|_(?=[A-Za-z0-9]))*(?:__[cr])?$/;

/** Longest API name: a 15-character namespace, a 40-character name and the suffix. */
const MAX_API_NAME = 60;

export function isApiName(value: string): boolean {
  return value.length <= MAX_API_NAME && API_NAME.test(value);
}

export const apiName = z.string({ error: 'expected a Salesforce API name' }).refine(isApiName, {
  error: (issue) => `'${String(issue.input)}' is not a Salesforce API name (letters, digits and single underscores, optionally ns__ before and __c or __r after)`,
});

/**
 * A picklist value, stage, role or activity type name: plain text. Such values only ever reach
 * SOQL as quoted literals (soqlString); control characters are refused all the same.
 */
export const valueName = z
  .string({ error: 'expected a name' })
  .trim()
  .min(1, 'expected a non-empty name')
  .max(255, 'expected at most 255 characters')
  // eslint-disable-next-line no-control-regex
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { error: 'expected no control characters' });
