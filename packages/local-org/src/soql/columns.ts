/**
 * `…/query?q=…&columns=true`: the column metadata the Salesforce CLI (`sf data query`) reads to
 * lay out its table. Parent paths nest under `joinColumns`; child subqueries are aggregate
 * columns whose `joinColumns` are the child's fields.
 */
import type { FieldDef, OrgSchema } from '../model.js';
import { type AggregateFn, type FieldRef, type QueryPlan, planQuery } from './plan.js';
import { isNumberType, isTextType } from './values.js';

export interface ColumnMetadata {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

export interface QueryColumns {
  columnMetadata: ColumnMetadata[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string | null;
}

const APEX_TYPES: Record<FieldDef['type'], string> = {
  id: 'Id',
  reference: 'Id',
  string: 'String',
  textarea: 'String',
  picklist: 'String',
  multipicklist: 'String',
  email: 'String',
  phone: 'String',
  url: 'String',
  boolean: 'Boolean',
  int: 'Integer',
  double: 'Double',
  currency: 'Decimal',
  percent: 'Double',
  date: 'Date',
  datetime: 'Datetime',
  address: 'Address',
  location: 'Location',
};

function column(name: string, displayName: string, overrides: Partial<ColumnMetadata>): ColumnMetadata {
  return {
    aggregate: false,
    apexType: null,
    booleanType: false,
    columnName: name,
    custom: false,
    displayName,
    foreignKeyName: null,
    insertable: false,
    joinColumns: [],
    numberType: false,
    textType: false,
    updatable: false,
    ...overrides,
  };
}

function fieldColumn(field: FieldDef, displayName: string): ColumnMetadata {
  return column(field.name, displayName, {
    apexType: APEX_TYPES[field.type],
    booleanType: field.type === 'boolean',
    custom: field.custom ?? false,
    insertable: field.createable,
    numberType: isNumberType(field.type),
    textType: isTextType(field.type) || field.type === 'multipicklist',
    updatable: field.updateable,
  });
}

/** A parent path as nested relationship columns around the field's column. */
function pathColumn(ref: FieldRef): ColumnMetadata {
  let inner = fieldColumn(ref.field, ref.path);
  for (let i = ref.hops.length - 1; i >= 0; i -= 1) {
    const name = ref.hops[i]!.relationshipName;
    inner = column(name, name, { joinColumns: [inner] });
  }
  return inner;
}

function aggregateColumn(fn: AggregateFn, ref: FieldRef | undefined, name: string, label: string): ColumnMetadata {
  const keepsType = ref && (fn === 'MIN' || fn === 'MAX');
  return column(name, label, {
    aggregate: true,
    apexType: keepsType ? APEX_TYPES[ref.field.type] : fn === 'SUM' || fn === 'AVG' ? 'Double' : 'Integer',
    numberType: keepsType ? isNumberType(ref.field.type) : true,
    textType: keepsType ? isTextType(ref.field.type) : false,
  });
}

function columnsOf(plan: QueryPlan): ColumnMetadata[] {
  return plan.select.map((item) => {
    if (item.kind === 'field') {
      if (!plan.aggregate) return pathColumn(item.ref);
      const name = item.alias ?? item.ref.field.name;
      return { ...fieldColumn(item.ref.field, name), columnName: name };
    }
    if (item.kind === 'child') return column(item.plan.relationshipName, item.plan.relationshipName, { aggregate: true, joinColumns: columnsOf(item.plan) });
    if (item.kind === 'typeof') return column(item.relationshipName, item.relationshipName, { joinColumns: [] });
    return aggregateColumn(item.fn, item.ref, item.name, item.label);
  });
}

/** The column metadata of a query, validated like the query itself (same SoqlErrors). */
export function queryColumns(soql: string, schema: OrgSchema): QueryColumns {
  // Date literals don't change the columns; any instant resolves them.
  const plan = planQuery(soql, schema, new Date(0));
  return {
    columnMetadata: columnsOf(plan),
    entityName: plan.object.name,
    groupBy: plan.groupBy.length > 0,
    idSelected: plan.select.some((item) => item.kind === 'field' && item.ref.path === 'Id'),
    keyPrefix: plan.object.keyPrefix || null,
  };
}
