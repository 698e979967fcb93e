import { toId18 } from '@dealrisk/salesforce-wire';
import { z } from 'zod';
import { apiName, valueName } from './names.js';

/** The Opportunity fields dealrisk can write, by role. */
export const OUTPUT_ROLES = ['score', 'level', 'reasons', 'codes', 'stageEnteredDate', 'benchmarkDays', 'mobilizerCount', 'missingVerifiers', 'updatedAt'] as const;
export type OutputRole = (typeof OUTPUT_ROLES)[number];

/** A written field, or false to switch it off. */
const output = z.union([z.literal(false), apiName], { error: 'expected a Salesforce API name, or false to switch the field off' });
const values = z.array(valueName, { error: 'expected a list of names' });
const levelMap = <T extends z.ZodType>(value: T) => z.strictObject({ High: value, Medium: value, Low: value });

const salesforceId = (prefix: string, what: string) =>
  z.string().refine((id) => toId18(id)?.startsWith(prefix) ?? false, { error: `expected a 15- or 18-character ${what} id (${prefix}…)` });

/** What a field verifier reads: the field, and for `oneOf` verifiers the values that meet it. */
const verifierInput = z
  .strictObject({
    field: apiName.optional(),
    values: values.min(1).optional(),
    roles: values.min(1).optional(),
    types: values.min(1).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: 'expected field (and values), roles or types' });

/**
 * The admin mapping (`config/mapping.yaml`): every name dealrisk reads or writes in the org.
 * Numbers and scoring behaviour stay in the playbook.
 */
export const mappingSchema = z.strictObject({
  version: z.literal(1, { error: 'expected version: 1' }),
  outputs: z.strictObject({
    ...(Object.fromEntries(OUTPUT_ROLES.map((role) => [role, output])) as Record<OutputRole, typeof output>),
    /** The level picklist's values for High, Medium and Low. */
    levelValues: levelMap(valueName),
  }),
  tasks: z.strictObject({
    /** The Activity field that holds a follow-up Task's identity (deal + signal): an External ID. */
    keyField: apiName,
    subjectPrefix: z.string().max(80, 'expected at most 80 characters'),
    /** Task.Priority values by risk level. */
    priorityByLevel: levelMap(valueName),
    completeWhenCleared: z.boolean({ error: 'expected true or false' }),
    recordTypeId: z.union([z.null(), salesforceId('012', 'record type')]),
    /** Who owns the Tasks: the deal's owner, or one user (a queue-like owner). */
    owner: z.union([z.literal('dealOwner'), salesforceId('005', 'User')], { error: 'expected dealOwner or a User id (005…)' }),
  }),
  inputs: z.strictObject({
    stakeholderProfile: z.strictObject({
      /** The Contact field holding the Challenger profile. */
      field: apiName,
      mobilizer: values.min(1, 'expected at least one Mobilizer value'),
      talker: values,
      blocker: values,
    }),
    /** Playbook stage name → the org's stage name (a stage left out keeps its playbook name). */
    stages: z.record(valueName, valueName),
    /** Verifier code (from the playbook) → the field, values, contact roles or activity types it reads. */
    verifiers: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected a verifier code such as SUCCESS_CRITERIA_AGREED'), verifierInput),
    /** Task and Event types that count as the customer taking part. */
    customerActivity: z.strictObject({ Task: values, Event: values }),
  }),
});

/** A validated mapping, loaded once in the composition root and passed down. */
export type Mapping = z.output<typeof mappingSchema>;
/** Output roles switched on, with their field names. */
export function enabledOutputs(mapping: Mapping): [OutputRole, string][] {
  return OUTPUT_ROLES.flatMap((role) => {
    const field = mapping.outputs[role];
    return field === false ? [] : [[role, field] as [OutputRole, string]];
  });
}
