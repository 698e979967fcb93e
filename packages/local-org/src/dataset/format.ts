/**
 * The JSON dataset file format (`dealrisk org start --dataset file.json`), documented in
 * docs/local-org-dataset.md: `{ "asOf"?: ISO date-time, "records": { "<Object>": [ {…}, … ] } }`.
 * This module checks the file's shape; the record store checks fields, types and references when
 * it loads the rows.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LocalOrgError } from '../errors/local-org-error.js';
import { KEY_PREFIX } from '../ids.js';
import { toId18 } from '@dealrisk/salesforce-wire';
import type { DatasetFile } from '../model.js';

/** One thing wrong with a dataset, located like `records.Contact[3].Id`. */
export interface DatasetProblem {
  path: string;
  message: string;
}

/** A dataset file that cannot be loaded; `problems` names each object and row index at fault. */
export class DatasetError extends LocalOrgError {
  readonly problems: readonly DatasetProblem[];

  constructor(source: string, problems: readonly DatasetProblem[], options?: ErrorOptions) {
    super(`Invalid dataset ${source}:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`, options);
    this.problems = problems;
  }
}

export function isDatasetError(error: unknown): error is DatasetError {
  return error instanceof Error && error.name === 'DatasetError';
}

const OBJECT_NAMES = Object.keys(KEY_PREFIX) as (keyof typeof KEY_PREFIX)[];

/** A row: a JSON object whose Id, when given, is a well-formed id of that object. */
function rowSchema(objectName: keyof typeof KEY_PREFIX) {
  return z.record(z.string(), z.unknown(), { error: 'expected a record object ({"Field": value, …})' }).superRefine((row, ctx) => {
    const id = row.Id;
    if (id === undefined || id === null) return;
    if (typeof id !== 'string' || toId18(id) === undefined) {
      ctx.addIssue({ code: 'custom', path: ['Id'], message: `not a 15- or 18-character Salesforce id: ${JSON.stringify(id)}` });
    } else if (!id.startsWith(KEY_PREFIX[objectName])) {
      ctx.addIssue({ code: 'custom', path: ['Id'], message: `${objectName} ids start with ${KEY_PREFIX[objectName]}, got ${id}` });
    }
  });
}

const recordsSchema = z.strictObject(
  Object.fromEntries(
    OBJECT_NAMES.map((name) => [name, z.array(rowSchema(name), { error: `expected a list of ${name} records` }).optional()]),
  ),
  { error: 'expected an object of record lists by object name' },
);

const datasetSchema = z.strictObject(
  {
    /** Free text for the reader (fixtures explain their scenario here). */
    $comment: z.unknown().optional(),
    asOf: z
      .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'expected an ISO 8601 date-time (e.g. 2026-03-31T12:00:00Z) or date' })
      .optional(),
    settings: z
      .strictObject({
        opportunityFieldHistory: z.array(z.string(), { error: 'expected a list of Opportunity field names' }).optional(),
        fieldHistoryRetentionMonths: z.number({ error: 'expected a whole number of months (1–18)' }).int().min(1).max(18).optional(),
      })
      .optional(),
    records: recordsSchema,
  },
  { error: 'expected a dataset object {"asOf"?, "settings"?, "records"}' },
);

/**
 * Validates parsed JSON as a dataset file: known object names, lists of record objects, well-formed
 * ids with the object's key prefix, an ISO asOf. Throws a {@link DatasetError} naming each object
 * and row index at fault.
 */
export function parseDataset(json: unknown, source = '(inline)'): DatasetFile {
  const parsed = datasetSchema.safeParse(json);
  if (!parsed.success) throw new DatasetError(source, parsed.error.issues.map(toProblem));
  const records: DatasetFile['records'] = {};
  for (const name of OBJECT_NAMES) {
    const rows = parsed.data.records[name];
    if (rows) records[name] = rows;
  }
  const { asOf, settings } = parsed.data;
  return { ...(asOf === undefined ? {} : { asOf }), ...(settings === undefined ? {} : { settings }), records };
}

/** Reads and validates a dataset JSON file; unreadable or malformed files throw a {@link DatasetError}. */
export function readDatasetFile(path: string): DatasetFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DatasetError(path, [{ path: '(file)', message: `cannot read: ${(error as Error).message}` }], { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DatasetError(path, [{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }], { cause: error });
  }
  return parseDataset(json, path);
}

function toProblem(issue: z.core.$ZodIssue): DatasetProblem {
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    message =
      issue.path.length === 1 && issue.path[0] === 'records'
        ? `unknown object${issue.keys.length > 1 ? 's' : ''} ${keys} (known: ${OBJECT_NAMES.join(', ')})`
        : `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys} (a dataset has "$comment", "asOf", "settings" and "records")`;
  }
  return { path: formatPath(issue.path), message };
}

/** ['records', 'Contact', 3, 'Id'] → 'records.Contact[3].Id' */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>((out, key, i) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return i === 0 ? String(key) : `${out}.${String(key)}`;
  }, '');
}
