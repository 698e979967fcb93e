import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, parseDataset, readDatasetFile } from '../../../src/dataset/index.js';
import { historyViolations, idViolations, referenceViolations } from './dataset-checks.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/three-opportunities.json');

/** The problems a parse reports, or a test failure if it parses. */
function problemsOf(json: unknown): { path: string; message: string }[] {
  try {
    parseDataset(json);
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return [...(error as DatasetError).problems];
  }
  throw new Error('expected a DatasetError');
}

/** Asserts the problems' paths in order, and that each message matches its pattern. */
function expectProblems(json: unknown, expected: [path: string, message: RegExp][]): void {
  const problems = problemsOf(json);
  expect(problems.map((p) => p.path)).toEqual(expected.map(([path]) => path));
  problems.forEach((problem, i) => expect(problem.message).toMatch(expected[i]![1]));
}

describe('readDatasetFile', () => {
  it('when reading the three-opportunity fixture, then it parses with its asOf and every object', () => {
    const dataset = readDatasetFile(FIXTURE);
    expect(dataset.asOf).toBe('2026-03-31T12:00:00.000Z');
    expect(Object.fromEntries(Object.entries(dataset.records).map(([name, rows]) => [name, rows.length]))).toEqual({
      Organization: 1,
      User: 2,
      Account: 1,
      Contact: 3,
      Opportunity: 3,
      OpportunityContactRole: 4,
      OpportunityHistory: 23,
      OpportunityFieldHistory: 24,
      Task: 5,
      Event: 4,
    });
  });

  it('when checking the fixture like a generated org, then its ids, references and histories are consistent', () => {
    const dataset = readDatasetFile(FIXTURE);
    expect(idViolations(dataset)).toEqual([]);
    expect(referenceViolations(dataset)).toEqual([]);
    expect(historyViolations(dataset)).toEqual([]);
  });

  it('when the file is not JSON, then a DatasetError names the file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'dataset-')), 'broken.json');
    writeFileSync(path, '{"records": {');
    expect(() => readDatasetFile(path)).toThrow(DatasetError);
    expect(() => readDatasetFile(path)).toThrow(/broken\.json[\s\S]*not valid JSON/);
  });

  it('when the file does not exist, then a DatasetError says it cannot be read', () => {
    expect(() => readDatasetFile('/nonexistent/dataset.json')).toThrow(/cannot read/);
  });
});

describe('parseDataset', () => {
  it('when the dataset is minimal, then it parses to empty records without asOf', () => {
    expect(parseDataset({ records: {} })).toEqual({ records: {} });
  });

  it('when asOf is a date-time with an offset or a plain date, then it is accepted', () => {
    expect(parseDataset({ asOf: '2026-03-31T12:00:00+02:00', records: {} }).asOf).toBe('2026-03-31T12:00:00+02:00');
    expect(parseDataset({ asOf: '2026-03-31', records: {} }).asOf).toBe('2026-03-31');
  });

  it('when asOf is not ISO 8601, then the problem is at asOf', () => {
    expectProblems({ asOf: 'last Tuesday', records: {} }, [['asOf', /ISO 8601/]]);
  });

  it('when an object name is unknown, then the problem names it and lists the known ones', () => {
    expectProblems({ records: { Opportunities: [] } }, [['records', /^unknown object Opportunities \(known: Organization, User, .*Event, TaskRelation, EventRelation, Profile, PermissionSet, PermissionSetAssignment, FieldPermissions, ObjectPermissions\)$/]]);
  });

  it('when a row is not an object, then the problem names the object and the index', () => {
    expectProblems({ records: { Contact: [{ LastName: 'Ok' }, ['not', 'a', 'row'], 'text'] } }, [
      ['records.Contact[1]', /expected a record object/],
      ['records.Contact[2]', /expected a record object/],
    ]);
  });

  it('when an id is malformed or has another object\'s prefix, then the problem points at that row\'s Id', () => {
    expectProblems({ records: { Opportunity: [{ Id: '006000000000001AAA' }, { Id: 'nope' }, { Id: '001000000000001AAA' }] } }, [
      ['records.Opportunity[1].Id', /^not a 15- or 18-character Salesforce id: "nope"$/],
      ['records.Opportunity[2].Id', /^Opportunity ids start with 006, got 001000000000001AAA$/],
    ]);
  });

  it('when an object holds something other than a list, then the problem is at that object', () => {
    expect(problemsOf({ records: { Account: { Name: 'Acme' } } })).toEqual([{ path: 'records.Account', message: 'expected a list of Account records' }]);
  });

  it('when the top level is wrong, then the problem says what a dataset looks like', () => {
    expectProblems([], [['(root)', /expected a dataset object/]]);
    expectProblems({ asOf: '2026-03-31', records: {}, extra: 1 }, [['(root)', /extra/]]);
    expectProblems({ records: null }, [['records', /expected an object of record lists/]]);
  });

  it('when the error is printed, then its message lists every problem with its path', () => {
    try {
      parseDataset({ records: { Contact: [1] } }, 'org.json');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('DatasetError');
      expect((error as Error).message).toBe('Invalid dataset org.json:\n  records.Contact[0]: expected a record object ({"Field": value, …})');
    }
  });
});
