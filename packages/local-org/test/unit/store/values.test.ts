import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../../src/model.js';
import { field, numeric } from '../../../src/schema/fields.js';
import { NEEDS_CONVERSION, convertValue, fastValue } from '../../../src/store/values.js';
import { isValidDate, normaliseDateTime } from '@dealrisk/salesforce-wire';

function stored(f: FieldDef, raw: unknown): unknown {
  const result = convertValue(f, raw);
  if (!result.ok) throw new Error(`${result.error.statusCode}: ${result.error.message}`);
  return result.value;
}

function codeOf(f: FieldDef, raw: unknown): string | undefined {
  const result = convertValue(f, raw);
  return result.ok ? undefined : result.error.statusCode;
}

describe('value conversion', () => {
  it('when a datetime comes with an offset, without seconds, with fractions or as Salesforce writes it, then it is stored in UTC wire form to the second', () => {
    const dt = field('At__c', 'At', 'datetime');
    expect(stored(dt, '2026-03-01T09:30:00+01:00')).toBe('2026-03-01T08:30:00.000+0000');
    expect(stored(dt, '2026-03-01T09:30-0500')).toBe('2026-03-01T14:30:00.000+0000');
    // Salesforce keeps whole seconds: fractions are dropped, not rounded.
    expect(stored(dt, '2026-03-01T09:30:15.5Z')).toBe('2026-03-01T09:30:15.000+0000');
    expect(stored(dt, '2026-03-01T09:30:15.999+0000')).toBe('2026-03-01T09:30:15.000+0000');
    expect(normaliseDateTime('2026-13-01T00:00:00Z')).toBeUndefined();
    expect(codeOf(dt, 1764230400000)).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
  });

  it('when a date is checked, then only real calendar days in YYYY-MM-DD pass', () => {
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2026-1-5')).toBe(false);
  });

  it('when numbers carry more decimals or digits than the field, then they are rounded or refused', () => {
    const money = numeric('Amount', 'Amount', 'currency', 18, 2);
    expect(stored(money, 10.005)).toBe(10.01);
    expect(stored(money, '-3.14159')).toBe(-3.14);
    expect(stored(money, '1e3')).toBe(1000);
    expect(codeOf(money, 1e16)).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    expect(codeOf(money, Number.NaN)).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
    const count = numeric('NumberOfEmployees', 'Employees', 'int', 8, 0);
    expect(codeOf(count, 2.5)).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
    expect(codeOf(count, 100_000_000)).toBe('NUMBER_OUTSIDE_VALID_RANGE');
  });

  it('when text arrives empty, as a number or as a multi-select, then it is stored as Salesforce stores it', () => {
    const text = field('Name', 'Name', 'string', { length: 10 });
    expect(stored(text, '')).toBeNull();
    expect(stored(text, 42)).toBe('42');
    expect(codeOf(text, { a: 1 })).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
    const multi = field('Tags__c', 'Tags', 'multipicklist', { length: 255, picklistValues: ['A', 'B', 'C'], restrictedPicklist: true });
    expect(stored(multi, 'A; B;A')).toBe('A;B');
    expect(codeOf(multi, 'A;D')).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  it('when a checkbox gets null or a boolean string, then it stores false or the boolean', () => {
    const flag = field('Flag__c', 'Flag', 'boolean', { nillable: false });
    expect(stored(flag, null)).toBe(false);
    expect(stored(flag, 'TRUE')).toBe(true);
    expect(codeOf(flag, 1)).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
  });

  it('when an id is 15 characters, then it is stored as its 18-character form', () => {
    const ref = field('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'] });
    expect(stored(ref, '001000000000001')).toBe('001000000000001AAA');
    expect(codeOf(ref, '001000000000001XYZ')).toBe('MALFORMED_ID');
  });
});

describe('fast loading path', () => {
  it('when the fast path accepts a value, then convertValue stores exactly the same value', () => {
    const fields: FieldDef[] = [
      field('Name', 'Name', 'string', { length: 12 }),
      field('Type', 'Type', 'picklist', { length: 255, picklistValues: ['A'] }),
      field('Flag__c', 'Flag', 'boolean', { nillable: false }),
      field('CloseDate', 'Close Date', 'date'),
      field('At__c', 'At', 'datetime'),
      numeric('Amount', 'Amount', 'currency', 18, 2),
      numeric('Score__c', 'Score', 'double', 3, 0),
      numeric('Employees', 'Employees', 'int', 8, 0),
    ];
    const values = fc.oneof(
      fc.string({ maxLength: 16 }),
      fc.boolean(),
      fc.double({ noNaN: false }),
      fc.integer(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '+0000')),
      fc.constantFrom('2026-02-30', '2026-11-27T10:00:00Z', '', '-0'),
    );
    fc.assert(
      fc.property(fc.constantFrom(...fields), values, (f, raw) => {
        const fast = fastValue(f, raw);
        if (fast === NEEDS_CONVERSION) return;
        expect(convertValue(f, raw)).toEqual({ ok: true, value: fast });
      }),
      { numRuns: 2000 },
    );
  });
});

