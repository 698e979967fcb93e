import { describe, expect, it } from 'vitest';
import { describeQueryColumns } from '../../../src/soql/index.js';
import { fixtureSchema } from '../../support/emulator-fixtures.js';

describe('describeQueryColumns', () => {
  it('when fields, parent paths and a child subquery are selected, then columns nest like Salesforce (the sf CLI reads them)', () => {
    const columns = describeQueryColumns('SELECT Id, name, Account.Owner.Name, Deal_Risk_Score__c, (SELECT Role FROM OpportunityContactRoles) FROM Opportunity', fixtureSchema());
    expect(columns).toMatchObject({ entityName: 'Opportunity', groupBy: false, idSelected: true, keyPrefix: '006' });
    const [id, name, account, score, roles] = columns.columnMetadata;
    expect(id).toMatchObject({ columnName: 'Id', displayName: 'Id', apexType: 'Id', aggregate: false, joinColumns: [] });
    expect(name).toMatchObject({ columnName: 'Name', apexType: 'String', textType: true, insertable: true, updatable: true });
    expect(account).toMatchObject({
      columnName: 'Account',
      aggregate: false,
      joinColumns: [{ columnName: 'Owner', joinColumns: [{ columnName: 'Name', displayName: 'Account.Owner.Name', joinColumns: [] }] }],
    });
    expect(score).toMatchObject({ columnName: 'Deal_Risk_Score__c', custom: true, numberType: true, apexType: 'Double' });
    expect(roles).toMatchObject({ columnName: 'OpportunityContactRoles', aggregate: true, joinColumns: [{ columnName: 'Role' }] });
  });

  it('when the query aggregates, then aggregate columns carry exprN or the alias and the expression as display name', () => {
    const columns = describeQueryColumns('SELECT StageName, COUNT(Id), SUM(Amount) total FROM Opportunity GROUP BY StageName', fixtureSchema());
    expect(columns.groupBy).toBe(true);
    expect(columns.idSelected).toBe(false);
    expect(columns.columnMetadata.map((c) => [c.columnName, c.displayName, c.aggregate])).toEqual([
      ['StageName', 'StageName', false],
      ['expr0', 'COUNT(Id)', true],
      ['total', 'SUM(Amount)', true],
    ]);
  });

  it('when the query is invalid, then the same SoqlError as executing it', () => {
    expect(() => describeQueryColumns('SELECT Nope FROM Opportunity', fixtureSchema())).toThrow(expect.objectContaining({ errorCode: 'INVALID_FIELD' }));
  });
});
