import { describe, expect, it } from 'vitest';
import { toWireRecord } from '../../../src/salesforce/bulk-wire-record.js';

describe('a Bulk API 2.0 CSV row as the REST API returns the same record', () => {
  const types = new Map([
    ['IsPrimary', 'boolean'],
    ['Amount', 'currency'],
    ['CreatedDate', 'datetime'],
    ['CloseDate', 'date'],
  ]);

  it('when values are typed fields, then they are numbers, booleans and +0000 date-times as in REST JSON', () => {
    expect(toWireRecord({ IsPrimary: 'false', Amount: '1250.5', CreatedDate: '2026-03-31T12:00:00.000Z', CloseDate: '2026-04-30' }, types)).toEqual({
      IsPrimary: false,
      Amount: 1250.5,
      CreatedDate: '2026-03-31T12:00:00.000+0000',
      CloseDate: '2026-04-30',
    });
  });

  it('when a value is empty, then it is null (Bulk writes null as an empty value), for text and typed fields alike', () => {
    expect(toWireRecord({ Role: '', Amount: '', IsPrimary: '' }, types)).toEqual({ Role: null, Amount: null, IsPrimary: null });
  });

  it('when a column is a parent path, then it is nested as REST nests it and read as text', () => {
    expect(toWireRecord({ ContactId: '003000000000001AAA', 'Contact.Name': 'Maya Mobile', 'Contact.Stakeholder_Profile__c': '' }, types)).toEqual({
      ContactId: '003000000000001AAA',
      Contact: { Name: 'Maya Mobile', Stakeholder_Profile__c: null },
    });
  });
});
