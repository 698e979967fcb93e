/** The field rows of `mapping check`: what dealrisk writes, what it reads, and the standard fields it relies on. */
import type { Playbook } from '../../scoring/index.js';
import { enabledOutputs, type Mapping } from '../mapping-schema.js';
import type { FieldDescribe, ObjectDescribe } from '../org-metadata.js';
import { fail, ok, type CheckRow } from './check-row.js';
import { isPicklist, LONGEST_TASK_KEY, missingValues, OUTPUT_RULES, typeName } from './field-rules.js';

/** Describes by object name (undefined: the org has no such object). */
export type Describes = Record<string, ObjectDescribe | undefined>;

const GRANT = 'deploy config/salesforce and assign the Deal_Risk_Integration permission set to the integration user';

function fieldOf(describes: Describes, objectName: string, name: string): FieldDescribe | undefined {
  return describes[objectName]?.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

function missing(item: string, role: string): CheckRow {
  return fail(item, role, `missing, or hidden from the integration user by field-level security: ${GRANT} (or fix ${role})`);
}

/** The Opportunity fields dealrisk writes: they exist, are visible and editable, and their type fits. */
export function outputRows(mapping: Mapping, describes: Describes): CheckRow[] {
  return enabledOutputs(mapping).map(([role, name]) => {
    const item = `Opportunity.${name}`;
    const path = `outputs.${role}`;
    const f = fieldOf(describes, 'Opportunity', name);
    if (!f) return missing(item, path);
    const wrongType = OUTPUT_RULES[role](f);
    if (wrongType) return fail(item, path, `${wrongType}: change the field, or map ${path} to one that fits`);
    if (!f.updateable) return fail(item, path, `read-only for the integration user: grant Edit on it (field-level security, ${GRANT})`);
    if (role === 'level') {
      const absent = missingValues(f, Object.values(mapping.outputs.levelValues));
      if (absent.length > 0) return fail(item, 'outputs.levelValues', `picklist lacks ${absent.join(', ')}: add the values, or map outputs.levelValues to the field's own`);
    }
    return ok(item, path, `${typeName(f)}, editable`);
  });
}

/** The Task key field (on Task and Event), the Task fields written and the priority values. */
export function taskRows(mapping: Mapping, describes: Describes): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const objectName of ['Task', 'Event']) {
    const key = mapping.tasks.keyField;
    const item = `${objectName}.${key}`;
    const f = fieldOf(describes, objectName, key);
    if (!f) rows.push(missing(item, 'tasks.keyField'));
    else if (f.type !== 'string' || f.length < LONGEST_TASK_KEY) rows.push(fail(item, 'tasks.keyField', `needs Text of at least ${LONGEST_TASK_KEY} characters, found ${typeName(f)}`));
    else if (!f.externalId) rows.push(fail(item, 'tasks.keyField', 'needs External ID ticked, so dealrisk can upsert its Tasks by key'));
    else if (!f.createable || !f.updateable) rows.push(fail(item, 'tasks.keyField', `read-only for the integration user: grant Edit (${GRANT})`));
    // Salesforce may not allow Unique on activity fields; dealrisk reads a deal's Tasks before it writes, so a key stays single either way.
    else if (!f.unique) rows.push(ok(item, 'tasks.keyField', 'External ID, editable (not Unique: dealrisk keeps one Task per key itself)'));
    else rows.push(ok(item, 'tasks.keyField', 'External ID, unique, editable'));
  }
  const priority = fieldOf(describes, 'Task', 'Priority');
  const absent = priority ? missingValues(priority, Object.values(mapping.tasks.priorityByLevel)) : ['Priority'];
  rows.push(
    absent.length === 0
      ? ok('Task.Priority', 'tasks.priorityByLevel', 'has every mapped value')
      : fail('Task.Priority', 'tasks.priorityByLevel', `lacks ${absent.join(', ')}: map tasks.priorityByLevel to your org's Task priorities`),
  );
  const notWritable = ['Subject', 'ActivityDate', 'Status', 'Priority', 'Description', 'WhatId', 'OwnerId'].filter((name) => !fieldOf(describes, 'Task', name)?.createable);
  rows.push(
    notWritable.length === 0
      ? ok('Task fields', 'tasks', 'Subject, ActivityDate, Status, Priority, Description, WhatId, OwnerId creatable')
      : fail('Task fields', 'tasks', `the integration user cannot set ${notWritable.join(', ')} on a Task: give it Edit Tasks`),
  );
  const recordType = mapping.tasks.recordTypeId;
  if (recordType !== null) {
    const found = describes.Task?.recordTypeInfos.some((info) => info.available && info.recordTypeId.slice(0, 15) === recordType.slice(0, 15));
    rows.push(found ? ok('Task record type', 'tasks.recordTypeId', `${recordType} available`) : fail('Task record type', 'tasks.recordTypeId', `${recordType} is not a Task record type available to the integration user`));
  }
  return rows;
}

function readable(describes: Describes, objectName: string, name: string, role: string, expect: (f: FieldDescribe) => string | undefined, values: readonly string[] = []): CheckRow {
  const item = `${objectName}.${name}`;
  const f = fieldOf(describes, objectName, name);
  if (!f) return missing(item, role);
  const wrong = expect(f);
  if (wrong) return fail(item, role, wrong);
  const absent = isPicklist(f) ? missingValues(f, values) : [];
  if (absent.length > 0) return fail(item, role, `picklist lacks ${absent.join(', ')}: add them, or map ${role} to the values your org uses`);
  return ok(item, role, `${typeName(f)}, readable`);
}

/** The stakeholder profile field, each verifier's field, contact roles and activity types. */
export function inputRows(mapping: Mapping, playbook: Playbook, describes: Describes): CheckRow[] {
  const profile = mapping.inputs.stakeholderProfile;
  const textLike = (f: FieldDescribe) => (isPicklist(f) || f.type === 'string' ? undefined : `needs a Picklist or Text, found ${typeName(f)}`);
  const rows = [readable(describes, 'Contact', profile.field, 'inputs.stakeholderProfile', textLike, [...profile.mobilizer, ...profile.talker, ...profile.blocker])];
  for (const verifier of playbook.stages.open.flatMap((stage) => stage.verifiers)) {
    const role = `inputs.verifiers.${verifier.code}`;
    if (verifier.kind === 'field') {
      const expect =
        verifier.when === 'true'
          ? (f: FieldDescribe) => (f.type === 'boolean' ? undefined : `needs a Checkbox (the verifier is met when it is ticked), found ${typeName(f)}`)
          : verifier.when === 'oneOf'
            ? textLike
            : () => undefined;
      rows.push(readable(describes, 'Opportunity', verifier.field, role, expect, verifier.values ?? []));
    } else if (verifier.kind === 'contactRole') {
      rows.push(readable(describes, 'OpportunityContactRole', 'Role', role, () => undefined, verifier.roles));
    } else {
      for (const kind of verifier.match.activityKind ? [verifier.match.activityKind] : ['Task', 'Event']) {
        rows.push(readable(describes, kind, 'Type', role, () => undefined, verifier.match.types ?? []));
      }
    }
  }
  for (const kind of ['Task', 'Event'] as const) {
    if (mapping.inputs.customerActivity[kind].length > 0) {
      rows.push(readable(describes, kind, 'Type', 'inputs.customerActivity', () => undefined, mapping.inputs.customerActivity[kind]));
    }
  }
  return rows;
}

/** Standard fields every scoring run reads, by object. */
const STANDARD_READS: Record<string, readonly string[]> = {
  Opportunity: ['Name', 'StageName', 'CloseDate', 'CreatedDate', 'LastStageChangeDate', 'IsClosed', 'IsWon', 'Amount', 'OwnerId'],
  OpportunityContactRole: ['ContactId', 'Role', 'IsPrimary'],
  OpportunityHistory: ['StageName', 'CreatedDate', 'CloseDate', 'Amount', 'Probability'],
  OpportunityFieldHistory: ['Field', 'OldValue', 'NewValue', 'CreatedDate'],
  Task: ['Type', 'Subject', 'WhoId', 'ActivityDate', 'CreatedDate', 'Status'],
  Event: ['Type', 'Subject', 'WhoId', 'ActivityDate', 'StartDateTime', 'CreatedDate'],
};

/** The standard fields the read relies on, per object, at the configured API version. */
export function standardRows(describes: Describes, apiVersion: string): CheckRow[] {
  return Object.entries(STANDARD_READS).map(([objectName, names]) => {
    if (!describes[objectName]) return fail(objectName, 'sync', `the integration user cannot describe ${objectName} at API ${apiVersion}: grant it Read`);
    const absent = names.filter((name) => !fieldOf(describes, objectName, name));
    return absent.length === 0
      ? ok(objectName, 'sync', `${names.length} standard fields readable at API ${apiVersion}`)
      : fail(objectName, 'sync', `${absent.join(', ')} not readable at API ${apiVersion}: grant Read, or use a newer SF_API_VERSION`);
  });
}
