import { describe, expect, it } from 'vitest';
import { changedFields, storedForm } from '../../../src/sync/risk-diff.js';

describe('risk fields compared as Salesforce stores them', () => {
  it('when values differ only in how Salesforce returns them, then they are equal', () => {
    expect(storedForm('')).toBeNull();
    expect(storedForm(undefined)).toBeNull();
    expect(storedForm('2026-03-31T12:00:00.456Z')).toBe(storedForm('2026-03-31T12:00:00.000+0000'));
    expect(storedForm(12.3)).toBe(storedForm(12.300000001));
    expect(storedForm('2026-03-31')).toBe('2026-03-31');
  });

  it('when nothing but the stamp would change, then nothing is written', () => {
    const desired = { Id: '006A', Score__c: 40, Level__c: 'Medium', Reasons__c: '', At__c: '2026-04-01T00:00:00.000Z' };
    const stored = { Score__c: 40, Level__c: 'Medium', Reasons__c: null, At__c: '2026-03-01T00:00:00.000+0000' };
    expect(changedFields(desired, stored, 'At__c')).toBeUndefined();
  });

  it('when one risk field changed, then only it and the stamp are written', () => {
    const desired = { Id: '006A', Score__c: 55, Level__c: 'Medium', At__c: '2026-04-01T00:00:00.000Z' };
    const stored = { Score__c: 40, Level__c: 'Medium', At__c: '2026-03-01T00:00:00.000+0000' };
    expect(changedFields(desired, stored, 'At__c')).toEqual({ Id: '006A', Score__c: 55, At__c: '2026-04-01T00:00:00.000Z' });
  });
});
