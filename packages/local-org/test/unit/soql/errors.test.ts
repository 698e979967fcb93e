import { describe, expect, it } from 'vitest';
import { LocalOrgError } from '../../../src/errors/local-org-error.js';
import { SoqlError, isSoqlError } from '../../../src/soql/index.js';
import { errorOf, scenario } from './scenario.js';

describe('executeQuery: Salesforce errors', () => {
  it('when the statement does not parse, then MALFORMED_QUERY names the unexpected token', () => {
    const { run } = scenario();
    const error = errorOf(() => run('SELECT FROM Opportunity'));
    expect(error).toBeInstanceOf(SoqlError);
    expect(error).toBeInstanceOf(LocalOrgError);
    expect(isSoqlError(error)).toBe(true);
    expect(error.name).toBe('SoqlError');
    expect(error).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: "unexpected token: 'FROM'" });
    expect(errorOf(() => run('SELECT Id FROM')).message).toBe("unexpected token: '<EOF>'");
    // The parser's own error stays attached for debugging.
    expect((error as unknown as Error).cause).toBeInstanceOf(Error);
  });

  it.each([
    ['SELECT Id FROM Opportunity WHERE CreatedDate > 2026-02-30T00:00:00Z', '2026-02-30T00:00:00Z'],
    ['SELECT Id FROM Opportunity WHERE CloseDate = 2026-02-30', '2026-02-30'],
  ])('when a date or datetime literal names a day the month does not have (%s), then MALFORMED_QUERY names it', (soql, literal) => {
    const { run } = scenario();
    expect(errorOf(() => run(soql))).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: `unexpected token: '${literal}'` });
  });

  it('when the statement is longer than 100,000 characters, then MALFORMED_QUERY says so', () => {
    const { run } = scenario();
    const padding = ' '.repeat(100_001 - 'SELECT Id FROM Opportunity'.length);
    expect(errorOf(() => run(`SELECT Id FROM Opportunity${padding}`))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: 'SOQL statements cannot be longer than 100,000 characters',
    });
    expect(run(`SELECT Id FROM Opportunity${padding.slice(1)}`).totalSize).toBe(5);
  });

  it.each([
    ['SELECT Id, Foo__c FROM Opportunity', 'Foo__c', 'Opportunity'],
    ["SELECT Id FROM Opportunity WHERE Foo__c = 'x'", 'Foo__c', 'Opportunity'],
    ['SELECT Id FROM Opportunity ORDER BY Foo__c', 'Foo__c', 'Opportunity'],
    ['SELECT Account.Foo__c FROM Opportunity', 'Foo__c', 'Account'],
    ['SELECT Id, (SELECT Nope FROM OpportunityContactRoles) FROM Opportunity', 'Nope', 'OpportunityContactRole'],
  ])('when %s, then INVALID_FIELD names the column and entity', (soql, column, entity) => {
    const { run } = scenario();
    const error = errorOf(() => run(soql));
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toBe(
      `No such column '${column}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  });

  it('when the object is unknown, then INVALID_TYPE', () => {
    const { run } = scenario();
    expect(errorOf(() => run('SELECT Id FROM Foo'))).toMatchObject({
      errorCode: 'INVALID_TYPE',
      message: expect.stringContaining("sObject type 'Foo' is not supported.") as unknown,
    });
  });

  it('when a child relationship is unknown, then INVALID_TYPE names it', () => {
    const { run } = scenario();
    const error = errorOf(() => run('SELECT Id, (SELECT Id FROM OpportunityContactRole) FROM Opportunity'));
    expect(error.errorCode).toBe('INVALID_TYPE');
    expect(error.message).toMatch(/^Didn't understand relationship 'OpportunityContactRole' in FROM part of query call\./);
  });

  it('when a parent relationship is unknown, then INVALID_FIELD names it', () => {
    const { run } = scenario();
    const error = errorOf(() => run('SELECT Acount.Name FROM Opportunity'));
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toMatch(/^Didn't understand relationship 'Acount' in field path\./);
  });

  it('when a long text area is filtered or sorted, then INVALID_FIELD', () => {
    const { run } = scenario();
    expect(errorOf(() => run("SELECT Id FROM Opportunity WHERE Description = 'x'"))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: "field 'Description' can not be filtered in a query call",
    });
    expect(errorOf(() => run('SELECT Id FROM Opportunity ORDER BY Description'))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: "field 'Description' can not be sorted in a query call",
    });
  });

  it.each([
    ["CloseDate = '2026-05-13'", "value of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes"],
    ['CloseDate = 2026-05-13T00:00:00Z', "value of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes"],
    ['LastStageChangeDate > 2026-05-13', "value of filter criterion for field 'LastStageChangeDate' must be of type dateTime and should not be enclosed in quotes"],
    ["Amount > '5'", "value of filter criterion for field 'Amount' must be of type double and should not be enclosed in quotes"],
    ['Name = 5', "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"],
    ["IsClosed = 'true'", "value of filter criterion for field 'IsClosed' must be of type boolean and should not be enclosed in quotes"],
    ['Account.Name = true', "value of filter criterion for field 'Account.Name' must be of type string and should be enclosed in quotes"],
  ])('when WHERE %s, then INVALID_FIELD explains the expected type', (condition, message) => {
    const { run } = scenario();
    expect(errorOf(() => run(`SELECT Id FROM Opportunity WHERE ${condition}`))).toMatchObject({ errorCode: 'INVALID_FIELD', message });
  });

  it('when an id literal is malformed, then INVALID_QUERY_FILTER_OPERATOR', () => {
    const { run } = scenario();
    expect(errorOf(() => run("SELECT Id FROM Opportunity WHERE AccountId = 'abc'"))).toMatchObject({
      errorCode: 'INVALID_QUERY_FILTER_OPERATOR',
      message: 'invalid ID field: abc',
    });
  });

  it('when OFFSET exceeds 2000, then NUMBER_OUTSIDE_VALID_RANGE', () => {
    const { run } = scenario();
    expect(errorOf(() => run('SELECT Id FROM Opportunity OFFSET 2001'))).toMatchObject({
      errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
      message: 'Maximum SOQL offset allowed is 2000',
    });
  });

  it('when a field is selected twice, then INVALID_FIELD', () => {
    const { run } = scenario();
    expect(errorOf(() => run('SELECT Id, Name, name FROM Opportunity'))).toMatchObject({ errorCode: 'INVALID_FIELD', message: 'duplicate field selected: Name' });
  });

  it('when INCLUDES is used on a field that is not a multipicklist, then INVALID_QUERY_FILTER_OPERATOR', () => {
    const { run } = scenario();
    expect(errorOf(() => run("SELECT Id FROM Opportunity WHERE StageName INCLUDES ('a')")).errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });

  it('when a string literal has an unknown escape, then MALFORMED_QUERY', () => {
    const { run } = scenario();
    expect(errorOf(() => run("SELECT Id FROM Opportunity WHERE Name = 'a\\qb'")).errorCode).toBe('MALFORMED_QUERY');
  });

  it('when semi-joins are nested, then MALFORMED_QUERY', () => {
    const { run } = scenario();
    const soql =
      'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole))';
    expect(errorOf(() => run(soql))).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: 'Nesting of semi join sub-selects is not supported' });
  });
});
