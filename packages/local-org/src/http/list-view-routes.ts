/**
 * List views over REST: `/sobjects/{T}/listviews`, `…/listviews/{id}`, `…/{id}/describe` and
 * `…/{id}/results` (limit 1-2,000, default 25; offset), run as the session's user.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_listviewresults.htm
 */
import type { FieldDef } from '../model.js';
import type { ListViewColumn, ListViewPlan } from '../listviews/list-view-query.js';
import { listViewSoql } from '../listviews/list-view-query.js';
import { executeQuery } from '../soql/index.js';
import type { OrgContext } from './context.js';
import { apiError, notFound } from './errors.js';
import { ok, type OpInput, type Operation } from './operations.js';
import { visibleObjectOf } from './sobject-routes.js';

const NUMERIC = new Set(['double', 'int', 'currency', 'percent', 'date', 'datetime', 'picklist']);

/** The sort labels Salesforce shows for a column, by type. */
function sortLabels(field: FieldDef): [string, string] {
  if (field.type === 'phone') return ['9-0', '0-9'];
  if (NUMERIC.has(field.type)) return ['Low to High', 'High to Low'];
  return ['Z-A', 'A-Z'];
}

function describeColumn(plan: ListViewPlan, column: ListViewColumn): Record<string, unknown> {
  const sortIndex = plan.orderBy.findIndex((o) => o.fieldNameOrPath === column.path);
  const sortable = !column.hidden && (column.field.sortable ?? true);
  const [ascendingLabel, descendingLabel] = sortable ? sortLabels(column.field) : [null, null];
  return {
    ascendingLabel,
    descendingLabel,
    fieldNameOrPath: column.path,
    hidden: column.hidden,
    label: column.label,
    selectListItem: column.field.type === 'picklist' ? `toLabel(${column.path})` : column.path,
    sortDirection: sortIndex >= 0 && !column.hidden ? 'ascending' : null,
    sortIndex: sortIndex >= 0 && !column.hidden ? sortIndex : null,
    sortable,
    type: column.field.type,
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Results carry values as text; date-times as Salesforce prints them ("Fri Aug 01 21:15:46 GMT 2014"). */
function cellValue(field: FieldDef, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (field.type === 'datetime' && typeof value === 'string') {
    const d = new Date(value.replace(/\+0000$/, 'Z'));
    const two = (n: number) => String(n).padStart(2, '0');
    return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT ${d.getUTCFullYear()}`;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A path's value in a query record (parents nested). */
function valueAt(record: Record<string, unknown>, path: string): unknown {
  let current: unknown = record;
  for (const part of path.split('.')) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[part] : null;
  return current;
}

export function listViewOperations(org: OrgContext): Operation[] {
  const base = (input: OpInput, plan: ListViewPlan) => `/services/data/v${input.apiVersion}.0/sobjects/${plan.object.name}/listviews/${plan.id}`;
  const entry = (input: OpInput, plan: ListViewPlan) => ({
    describeUrl: `${base(input, plan)}/describe`,
    developerName: plan.view.name,
    id: plan.id,
    label: plan.view.label,
    resultsUrl: `${base(input, plan)}/results`,
    soqlCompatible: true,
    url: base(input, plan),
  });
  const planOf = (input: OpInput): ListViewPlan => {
    const def = visibleObjectOf(org, input.params.type ?? '', input.userId, input.apiVersion);
    const plan = org.listViews.byId(input.params.id ?? '');
    if (!plan || plan.object.name !== def.name) throw notFound();
    return plan;
  };
  // Columns the user's field-level security hides are left out, as Salesforce leaves them out.
  const visibleColumns = (input: OpInput, plan: ListViewPlan) => {
    const schema = org.viewFor(input.userId, input.apiVersion).schema;
    return { ...plan, columns: plan.columns.filter((c) => c.path.includes('.') || schema.field(plan.object.name, c.path) !== undefined) };
  };
  return [
    {
      method: 'GET',
      path: '/sobjects/:type/listviews',
      run: (input) => {
        const def = visibleObjectOf(org, input.params.type ?? '', input.userId, input.apiVersion);
        const listviews = org.listViews.forObject(def.name).map((plan) => entry(input, plan));
        return ok({ done: true, listviews, nextRecordsUrl: null, size: listviews.length, sobjectType: def.name });
      },
    },
    { method: 'GET', path: '/sobjects/:type/listviews/:id', run: (input) => ok(entry(input, planOf(input))) },
    {
      method: 'GET',
      path: '/sobjects/:type/listviews/:id/describe',
      run: (input) => {
        const plan = visibleColumns(input, planOf(input));
        return ok({
          columns: plan.columns.map((c) => describeColumn(plan, c)),
          id: plan.id.slice(0, 15),
          orderBy: plan.orderBy,
          query: listViewSoql(plan, input.userId),
          scope: plan.view.scope === 'Mine' ? 'mine' : null,
          sobjectType: plan.object.name,
          whereCondition: plan.whereCondition,
        });
      },
    },
    {
      method: 'GET',
      path: '/sobjects/:type/listviews/:id/results',
      run: (input) => {
        const plan = visibleColumns(input, planOf(input));
        const limit = input.query.limit === undefined ? 25 : Number(input.query.limit);
        const offset = input.query.offset === undefined ? 0 : Number(input.query.offset);
        if (!Number.isInteger(limit) || limit < 1 || limit > 2000) throw apiError(400, 'INVALID_PARAMETER_VALUE', 'limit must be between 1 and 2000');
        if (!Number.isInteger(offset) || offset < 0) throw apiError(400, 'INVALID_PARAMETER_VALUE', 'offset must be 0 or more');
        const result = executeQuery(listViewSoql(plan, input.userId), org.viewFor(input.userId, input.apiVersion).data, { includeDeleted: false, apiVersion: input.apiVersion });
        const page = result.records.slice(offset, offset + limit);
        return ok({
          columns: plan.columns.map((c) => describeColumn(plan, c)),
          developerName: plan.view.name,
          done: offset + page.length >= result.totalSize,
          id: plan.id.slice(0, 15),
          label: plan.view.label,
          records: page.map((record) => ({
            columns: plan.columns.map((c) => ({ fieldNameOrPath: c.path, value: cellValue(c.field, valueAt(record, c.path)) })),
          })),
          size: result.totalSize,
        });
      },
    },
  ];
}
