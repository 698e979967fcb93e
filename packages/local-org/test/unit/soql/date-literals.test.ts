import { describe, expect, it } from 'vitest';
import { dateLiteralRange } from '../../../src/soql/date-literals.js';

const WEDNESDAY = new Date('2026-05-13T15:30:00Z');
const SUNDAY = new Date('2026-05-10T00:00:00Z');
const NEW_YEAR = new Date('2026-01-01T00:00:01Z');

describe('dateLiteralRange', () => {
  it.each([
    ['TODAY', undefined, WEDNESDAY, '2026-05-13', '2026-05-13'],
    ['yesterday', undefined, WEDNESDAY, '2026-05-12', '2026-05-12'],
    ['TOMORROW', undefined, WEDNESDAY, '2026-05-14', '2026-05-14'],
    ['THIS_WEEK', undefined, WEDNESDAY, '2026-05-10', '2026-05-16'],
    ['THIS_WEEK', undefined, SUNDAY, '2026-05-10', '2026-05-16'],
    ['LAST_WEEK', undefined, WEDNESDAY, '2026-05-03', '2026-05-09'],
    ['NEXT_WEEK', undefined, WEDNESDAY, '2026-05-17', '2026-05-23'],
    ['THIS_MONTH', undefined, WEDNESDAY, '2026-05-01', '2026-05-31'],
    ['LAST_MONTH', undefined, WEDNESDAY, '2026-04-01', '2026-04-30'],
    ['NEXT_MONTH', undefined, WEDNESDAY, '2026-06-01', '2026-06-30'],
    ['LAST_MONTH', undefined, NEW_YEAR, '2025-12-01', '2025-12-31'],
    ['THIS_QUARTER', undefined, WEDNESDAY, '2026-04-01', '2026-06-30'],
    ['LAST_QUARTER', undefined, NEW_YEAR, '2025-10-01', '2025-12-31'],
    ['NEXT_QUARTER', undefined, WEDNESDAY, '2026-07-01', '2026-09-30'],
    ['THIS_YEAR', undefined, WEDNESDAY, '2026-01-01', '2026-12-31'],
    ['LAST_YEAR', undefined, WEDNESDAY, '2025-01-01', '2025-12-31'],
    ['THIS_FISCAL_YEAR', undefined, WEDNESDAY, '2026-01-01', '2026-12-31'],
    ['LAST_90_DAYS', undefined, WEDNESDAY, '2026-02-12', '2026-05-13'],
    ['NEXT_90_DAYS', undefined, WEDNESDAY, '2026-05-14', '2026-08-11'],
    ['LAST_N_DAYS', 1, WEDNESDAY, '2026-05-12', '2026-05-13'],
    ['NEXT_N_DAYS', 3, WEDNESDAY, '2026-05-14', '2026-05-16'],
    ['N_DAYS_AGO', 30, WEDNESDAY, '2026-04-13', '2026-04-13'],
    ['LAST_N_WEEKS', 2, WEDNESDAY, '2026-04-26', '2026-05-09'],
    ['N_WEEKS_AGO', 1, WEDNESDAY, '2026-05-03', '2026-05-09'],
    ['LAST_N_MONTHS', 2, WEDNESDAY, '2026-03-01', '2026-04-30'],
    ['NEXT_N_MONTHS', 1, WEDNESDAY, '2026-06-01', '2026-06-30'],
    ['N_QUARTERS_AGO', 2, WEDNESDAY, '2025-10-01', '2025-12-31'],
    ['NEXT_N_YEARS', 2, WEDNESDAY, '2027-01-01', '2028-12-31'],
  ])('when %s:%s at %s, then the range is %s .. %s', (literal, n, now, first, last) => {
    expect(dateLiteralRange(literal, n, now)).toEqual({ first, last });
  });

  it('when the literal is unknown, then MALFORMED_QUERY', () => {
    expect(() => dateLiteralRange('SOMEDAY', undefined, WEDNESDAY)).toThrow(expect.objectContaining({ errorCode: 'MALFORMED_QUERY' }));
  });
});
