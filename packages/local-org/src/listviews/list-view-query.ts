/**
 * A metadata list view as the SOQL Salesforce composes for it (List View Describe's `query`):
 * its columns (legacy names such as OPPORTUNITY.NAME read as SOQL paths), the hidden columns
 * Salesforce adds, its filters ANDed, its scope (Mine: the user's own records), and an order.
 * A list view's sort is each user's preference and cannot be deployed; the local org orders by
 * the first column, nulls first, then Id, as Salesforce's own describe example does.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_listviewdescribe.htm
 */
import { SetupError } from '../errors/setup-error.js';
import type { FieldDef, OrgSchema, SObjectDef } from '../model.js';
import type { SourceListView, SourceListViewFilter } from '../metadata/index.js';

/** Legacy column and filter names of standard fields in list view metadata → SOQL paths. */
const LEGACY_NAMES: Readonly<Record<string, string>> = {
  'OPPORTUNITY.NAME': 'Name',
  'OPPORTUNITY.STAGE_NAME': 'StageName',
  'OPPORTUNITY.CLOSE_DATE': 'CloseDate',
  'OPPORTUNITY.AMOUNT': 'Amount',
  'OPPORTUNITY.PROBABILITY': 'Probability',
  'OPPORTUNITY.CLOSED': 'IsClosed',
  'OPPORTUNITY.WON': 'IsWon',
  'OPPORTUNITY.CREATED_DATE': 'CreatedDate',
  'OPPORTUNITY.LAST_UPDATE': 'LastModifiedDate',
  'OPPORTUNITY.NEXT_STEP': 'NextStep',
  'OPPORTUNITY.TYPE': 'Type',
  'OPPORTUNITY.LEAD_SOURCE': 'LeadSource',
  'ACCOUNT.NAME': 'Account.Name',
  'CORE.USERS.FULL_NAME': 'Owner.Name',
  'CORE.USERS.ALIAS': 'Owner.Alias',
  'CONTACT.FIRST_NAME': 'FirstName',
  'CONTACT.LAST_NAME': 'LastName',
  'CONTACT.EMAIL': 'Email',
  'CONTACT.TITLE': 'Title',
};

/** Columns every list view result carries, hidden, after the visible ones. */
const HIDDEN = ['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'];

/** One column: its SOQL path and the field at its end. */
export interface ListViewColumn {
  path: string;
  field: FieldDef;
  label: string;
  hidden: boolean;
}

/** A list view ready to run: its columns, its WHERE conditions (without the scope) and its order. */
export interface ListViewPlan {
  id: string;
  view: SourceListView;
  object: SObjectDef;
  columns: ListViewColumn[];
  where: string[];
  /** describe's whereCondition: one condition, or an `and` group. */
  whereCondition: unknown;
  orderBy: { fieldNameOrPath: string; nullsPosition: 'first'; sortDirection: 'ascending' }[];
}

/** The field at the end of a (dotted) path, or undefined. */
function resolve(schema: OrgSchema, object: SObjectDef, path: string): { field: FieldDef; label: string } | undefined {
  const parts = path.split('.');
  let def: SObjectDef | undefined = object;
  for (const relationship of parts.slice(0, -1)) {
    const reference: FieldDef | undefined = def?.fields.find((f) => f.relationshipName?.toLowerCase() === relationship.toLowerCase());
    if (!reference?.referenceTo?.[0]) return undefined;
    def = schema.object(reference.referenceTo[0]);
  }
  const field = def?.fields.find((f) => f.name.toLowerCase() === parts[parts.length - 1]!.toLowerCase());
  return field && { field, label: field.label };
}

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
const quote = (value: string) => `'${escape(value)}'`;
/** A LIKE pattern: the value's own % and _ escaped, the wildcards around it not. */
const like = (before: string, value: string, after: string) => `'${before}${escape(value).replace(/[%_]/g, (c) => `\\${c}`)}${after}'`;

/** A filter value as a SOQL literal of the field's type. */
function literal(field: FieldDef, raw: string): string {
  if (field.type === 'boolean') return raw === '1' || raw.toLowerCase() === 'true' ? 'true' : 'false';
  if (['double', 'int', 'currency', 'percent'].includes(field.type) && /^-?\d+(\.\d+)?$/.test(raw)) return raw;
  if ((field.type === 'date' || field.type === 'datetime') && /^[0-9TZ:.+-]+$|^[A-Z_]+(:\d+)?$/.test(raw)) return raw;
  return quote(raw);
}

function condition(path: string, field: FieldDef, filter: SourceListViewFilter): string {
  const values = filter.value.split(',').map((v) => v.trim());
  const list = `(${values.map((v) => literal(field, v)).join(', ')})`;
  const one = literal(field, values[0] ?? '');
  switch (filter.operation) {
    case 'equals':
      return values.length > 1 ? `${path} IN ${list}` : `${path} = ${one}`;
    case 'notEqual':
      return values.length > 1 ? `${path} NOT IN ${list}` : `${path} != ${one}`;
    case 'lessThan':
      return `${path} < ${one}`;
    case 'greaterThan':
      return `${path} > ${one}`;
    case 'lessOrEqual':
      return `${path} <= ${one}`;
    case 'greaterOrEqual':
      return `${path} >= ${one}`;
    case 'contains':
      return `(${values.map((v) => `${path} LIKE ${like('%', v, '%')}`).join(' OR ')})`;
    case 'notContain':
      return `(NOT ${path} LIKE ${like('%', values[0] ?? '', '%')})`;
    case 'startsWith':
      return `(${values.map((v) => `${path} LIKE ${like('', v, '%')}`).join(' OR ')})`;
    case 'includes':
      return `${path} INCLUDES ${list}`;
    case 'excludes':
      return `${path} EXCLUDES ${list}`;
  }
}

/** Builds the plan of a source list view against the full schema; an unknown object, column or filter field is a SetupError. */
export function planListView(view: SourceListView, id: string, schema: OrgSchema): ListViewPlan {
  const problem = (text: string) => new SetupError([{ key: `${view.objectName}.${view.name} (list view)`, problem: text }]);
  const object = schema.object(view.objectName);
  if (!object) throw problem(`list view of unknown object ${view.objectName}`);
  const pathOf = (name: string) => LEGACY_NAMES[name] ?? name;
  const columns = [...view.columns.map((name) => ({ name, hidden: false })), ...HIDDEN.filter((h) => !view.columns.some((c) => pathOf(c) === h)).map((name) => ({ name, hidden: true }))].map(
    ({ name, hidden }) => {
      const path = pathOf(name);
      const resolved = resolve(schema, object, path);
      if (!resolved) throw problem(`column ${name} is not a field of ${object.name} the local org knows`);
      return { path, field: resolved.field, label: resolved.label, hidden };
    },
  );
  const conditions = view.filters.map((filter) => {
    const path = pathOf(filter.field);
    const resolved = resolve(schema, object, path);
    if (!resolved) throw problem(`filter field ${filter.field} is not a field of ${object.name} the local org knows`);
    return {
      soql: condition(path, resolved.field, filter),
      describe: { field: path, operator: filter.operation, values: filter.value.split(',').map((v) => v.trim()) },
    };
  });
  const first = columns[0]!.path;
  return {
    id,
    view,
    object,
    columns,
    where: conditions.map((c) => c.soql),
    whereCondition: conditions.length === 0 ? null : conditions.length === 1 ? conditions[0]!.describe : { conditions: conditions.map((c) => c.describe), conjunction: 'and' },
    orderBy: [first, ...(first === 'Id' ? [] : ['Id'])].map((fieldNameOrPath) => ({ fieldNameOrPath, nullsPosition: 'first' as const, sortDirection: 'ascending' as const })),
  };
}

/** The SOQL of a plan for one user (scope Mine adds their ownership). */
export function listViewSoql(plan: ListViewPlan, userId: string): string {
  const where = [...(plan.view.scope === 'Mine' ? [`OwnerId = ${quote(userId)}`] : []), ...plan.where];
  return [
    // Salesforce selects picklists as toLabel(…); labels equal values in the local org, so the plain path.
    `SELECT ${plan.columns.map((c) => c.path).join(', ')} FROM ${plan.object.name}`,
    where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '',
    ` ORDER BY ${plan.orderBy.map((o) => `${o.fieldNameOrPath} ASC NULLS FIRST`).join(', ')}`,
  ].join('');
}
