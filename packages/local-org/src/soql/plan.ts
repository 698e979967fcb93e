/**
 * Parses SOQL with soql-parser-js and validates it against the org's schema into a typed plan:
 * canonical fields, literals converted to the field's comparable form, date literals resolved
 * against the org's clock. Every mistake Salesforce would refuse is thrown here as a SoqlError,
 * before any row is read.
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type {
  ConditionWithValueQuery,
  FunctionExp,
  LiteralType,
  OrderByClause,
  Query,
  Subquery,
} from '@jetstreamapp/soql-parser-js';
import type { FieldDef, FieldType, OrgSchema, SObjectDef } from '../model.js';
import { toId18 } from '@dealrisk/salesforce-wire';
import { dateLiteralRange } from './date-literals.js';
import { toWireDate } from '@dealrisk/salesforce-wire';
import {
  badOperator,
  malformed,
  noSuchColumn,
  notFilterable,
  notGroupable,
  notQueryable,
  notSortable,
  offsetTooLarge,
  unknownChildRelationship,
  unknownObject,
  unknownParentRelationship,
  wrongValueType,
} from './errors.js';
import { NAME_OBJECT, type TypeofItem, isPolymorphic } from './polymorphic.js';
import { SoqlError } from './soql-error.js';
import { buildWhereTree, type BoolNode } from './where-tree.js';
import { type Comparable, dateLiteral, datetimeLiteral, decodeString, isNumberType, isTextType, multiKey } from './values.js';

/** Salesforce refuses longer statements. */
export const MAX_SOQL_LENGTH = 100_000;
/** The largest OFFSET Salesforce accepts. */
export const MAX_OFFSET = 2000;

/** One step from a record to its parent: the reference field and its relationship name. */
export interface Hop {
  referenceField: string;
  relationshipName: string;
  /** The reference points at several objects: the next segment is a field of the Name object. */
  polymorphic?: boolean;
}

/** A field reached from the query's object through zero or more parent relationships. */
export interface FieldRef {
  hops: Hop[];
  field: FieldDef;
  /** Canonical dotted path, e.g. Account.Owner.Name. */
  path: string;
}

export type AggregateFn = 'COUNT' | 'COUNT_DISTINCT' | 'MIN' | 'MAX' | 'SUM' | 'AVG';

export type SelectItem =
  /** `alias` only in aggregate queries, where it names the grouped field's result key. */
  | { kind: 'field'; ref: FieldRef; alias?: string }
  | { kind: 'child'; plan: ChildPlan }
  | TypeofItem
  /** `name` is the result key (alias or exprN), `label` the expression as written. */
  | { kind: 'aggregate'; fn: AggregateFn; ref: FieldRef | undefined; name: string; label: string };

export type OrderSource = { kind: 'field'; ref: FieldRef } | { kind: 'aggregate'; fn: AggregateFn; ref: FieldRef | undefined };

export interface OrderTerm {
  source: OrderSource;
  descending: boolean;
  nullsFirst: boolean;
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A WHERE leaf with its literal already in the field's comparable form. */
export type Condition =
  | { kind: 'compare'; ref: FieldRef; op: CompareOp; value: Comparable | null }
  /** A date literal: `low` inclusive, `high` exclusive, in the field's own format. */
  | { kind: 'range'; ref: FieldRef; op: CompareOp; low: string; high: string }
  | { kind: 'in'; ref: FieldRef; negated: boolean; values: (Comparable | null)[] }
  | { kind: 'like'; ref: FieldRef; pattern: RegExp }
  /** INCLUDES/EXCLUDES: each set is one ';'-joined literal, lower-cased. */
  | { kind: 'includes'; ref: FieldRef; negated: boolean; sets: string[][] }
  /** Semi-join (IN) or anti-join (NOT IN) on the ids `plan` selects in `column`. */
  | { kind: 'semi'; ref: FieldRef; negated: boolean; plan: QueryPlan; column: FieldRef };

export interface QueryPlan {
  object: SObjectDef;
  select: SelectItem[];
  /** SELECT COUNT(): only totalSize is answered. */
  countOnly: boolean;
  /** Aggregate functions or GROUP BY: rows are AggregateResults. */
  aggregate: boolean;
  groupBy: FieldRef[];
  where: BoolNode<Condition> | undefined;
  orderBy: OrderTerm[];
  limit: number | undefined;
  offset: number | undefined;
}

/** A child relationship subquery: rows of `object` whose `parentField` is the parent's Id. */
export interface ChildPlan extends QueryPlan {
  relationshipName: string;
  parentField: string;
}

interface Scope {
  alias: string | undefined;
  /** Levels of child subqueries still allowed below this one (0: none). */
  childLevels: number;
  allowSemiJoins: boolean;
}

/**
 * Levels of parent-to-child subqueries below the root: one before API 58.0, four from it (five
 * levels counting the root), as the SOQL reference's "Relationship Query Limitations" says.
 */
export function childLevelsAt(apiVersion: number): number {
  return apiVersion >= 58 ? 4 : 1;
}

type Literal = { value: Comparable | null } | { low: string; high: string };

const AGGREGATES: ReadonlySet<string> = new Set(['COUNT', 'COUNT_DISTINCT', 'MIN', 'MAX', 'SUM', 'AVG']);

function parse(soql: string): Query {
  if (soql.length > MAX_SOQL_LENGTH) throw malformed('SOQL statements cannot be longer than 100,000 characters');
  try {
    return parseQuery(soql);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const found = /but found:? (?:--> )?'([^']*)'/.exec(text);
    const character = /unexpected character: ->(.)<-/.exec(text);
    const token = found ? found[1] || '<EOF>' : character ? character[1] : undefined;
    throw malformed(token === undefined ? 'unexpected token' : `unexpected token: '${token}'`, { cause: error });
  }
}

/** Builds the plan of a SOQL statement; `now` resolves date literals, `apiVersion` decides how deep subqueries nest. */
export function planQuery(soql: string, schema: OrgSchema, now: Date, apiVersion = 64): QueryPlan {
  const query = parse(soql);
  const planner = new Planner(schema, now);
  return planner.plan(query, planner.object(query.sObject ?? ''), { alias: query.sObjectAlias, childLevels: childLevelsAt(apiVersion), allowSemiJoins: true });
}

/** The Salesforce type name used in "must be of type …" messages. */
function typeName(type: FieldType): string {
  if (type === 'date') return 'date';
  if (type === 'datetime') return 'dateTime';
  if (type === 'boolean') return 'boolean';
  if (type === 'int') return 'integer';
  if (isNumberType(type)) return 'double';
  if (type === 'id' || type === 'reference') return 'id';
  return 'string';
}

function takesQuotes(type: FieldType): boolean {
  return isTextType(type) || type === 'multipicklist' || type === 'id' || type === 'reference';
}

function nextDay(day: string): string {
  return toWireDate(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000));
}

class Planner {
  constructor(
    private readonly schema: OrgSchema,
    private readonly now: Date,
  ) {}

  object(name: string): SObjectDef {
    const def = this.schema.object(name);
    if (!def) throw unknownObject(name);
    if (!def.queryable) throw notQueryable(def.name);
    return def;
  }

  plan(query: Query | Subquery, object: SObjectDef, scope: Scope): QueryPlan {
    const select: SelectItem[] = [];
    const selected = new Set<string>();
    let countOnly = false;
    let fieldsAllOrCustom = false;
    let exprIndex = 0;

    const addField = (ref: FieldRef, fromFieldsFn: boolean, alias?: string) => {
      const key = ref.path.toLowerCase();
      if (selected.has(key)) {
        if (fromFieldsFn) return;
        throw new SoqlError('INVALID_FIELD', `duplicate field selected: ${ref.path}`);
      }
      selected.add(key);
      select.push(alias === undefined ? { kind: 'field', ref } : { kind: 'field', ref, alias });
    };

    for (const field of query.fields ?? []) {
      switch (field.type) {
        case 'Field':
          addField(this.resolve(object, field.field, scope.alias), false, field.alias);
          break;
        case 'FieldRelationship':
          addField(this.resolve(object, [...field.relationships, field.field].join('.'), scope.alias), false, 'alias' in field ? field.alias : undefined);
          break;
        case 'FieldSubquery': {
          if (scope.childLevels === 0) throw malformed('Nesting of child relationship subqueries is not supported at this API version or this deep (at most five levels from API 58.0)');
          select.push({ kind: 'child', plan: this.child(object, field.subquery, scope.childLevels - 1) });
          break;
        }
        case 'FieldFunctionExpression': {
          const fn = field.functionName.toUpperCase();
          if (fn === 'FIELDS') {
            const parameter = field.parameters[0];
            const which = typeof parameter === 'string' ? parameter.toUpperCase() : '';
            if (which !== 'STANDARD') fieldsAllOrCustom = true;
            for (const def of object.fields) {
              const custom = def.custom ?? false;
              if (which === 'ALL' || (which === 'CUSTOM' && custom) || (which === 'STANDARD' && !custom)) {
                addField({ hops: [], field: def, path: def.name }, true);
              }
            }
          } else if (fn === 'COUNT' && field.parameters.length === 0) {
            countOnly = true;
          } else if (AGGREGATES.has(fn)) {
            const ref = this.aggregateArgument(object, fn as AggregateFn, field.parameters, scope);
            const name = field.alias ?? `expr${exprIndex++}`;
            select.push({ kind: 'aggregate', fn: fn as AggregateFn, ref, name, label: field.rawValue ?? `${fn}()` });
          } else {
            throw malformed(`${field.functionName}() is not supported by the local org`);
          }
          break;
        }
        case 'FieldTypeof':
          select.push(this.typeofItem(object, field.field, field.conditions));
          break;
        default:
          throw malformed('unexpected field expression');
      }
    }

    if (countOnly && (query.fields ?? []).length > 1) throw malformed('COUNT() must be the only element in the SELECT list');
    // Accepting these and doing nothing would let a client believe records were marked viewed,
    // locked or scoped: the org keeps no recently viewed records and has no sharing scopes.
    if (query.for) throw malformed(`FOR ${query.for} is not supported by the local org`);
    if (query.update) throw malformed(`UPDATE ${query.update} is not supported by the local org`);
    if (query.usingScope) throw malformed('USING SCOPE is not supported by the local org');
    if (query.having) throw malformed('HAVING is not supported by the local org');

    const groupBy = (Array.isArray(query.groupBy) ? query.groupBy : query.groupBy ? [query.groupBy] : []).map((clause) => {
      if (!('field' in clause)) throw malformed('GROUP BY functions are not supported by the local org');
      const ref = this.resolve(object, clause.field, scope.alias);
      if (ref.field.components) throw notGroupable(ref.path);
      return ref;
    });
    if (countOnly && groupBy.length > 0) throw malformed('COUNT() with GROUP BY is not supported by the local org');
    const aggregate = groupBy.length > 0 || select.some((item) => item.kind === 'aggregate');
    // "You must use a GROUP BY clause if your query has a LIMIT clause and an aggregated function."
    if (aggregate && groupBy.length === 0 && query.limit !== undefined) throw malformed('LIMIT with an aggregate function needs a GROUP BY clause');
    const grouped = new Set(groupBy.map((ref) => ref.path.toLowerCase()));
    if (aggregate) {
      for (const item of select) {
        if (item.kind === 'child') throw malformed('Child relationship subqueries are not allowed in aggregate queries');
        if (item.kind === 'typeof') throw malformed('TYPEOF is not allowed in aggregate queries');
        if (item.kind === 'field' && !grouped.has(item.ref.path.toLowerCase())) {
          throw malformed(`Field must be grouped or aggregated: ${item.ref.path}`);
        }
      }
    } else {
      // Aliases name AggregateResult columns; Salesforce refuses them anywhere else.
      const aliased = select.find((item) => item.kind === 'field' && item.alias !== undefined);
      if (aliased?.kind === 'field') throw malformed(`unexpected token: '${aliased.alias}'`);
    }

    const where = query.where ? buildWhereTree(query.where, (cond) => this.condition(object, cond, scope)) : undefined;
    if (where) checkSemiJoinPlacement(where);

    const orderBy = (Array.isArray(query.orderBy) ? query.orderBy : query.orderBy ? [query.orderBy] : []).map((clause) =>
      this.orderTerm(object, clause, scope, aggregate, grouped),
    );

    const limit = query.limit;
    const offset = query.offset;
    if (offset !== undefined && offset > MAX_OFFSET) throw offsetTooLarge();
    if (fieldsAllOrCustom && (limit === undefined || limit > 200)) {
      throw malformed('The SOQL FIELDS function must have a LIMIT of at most 200');
    }
    return { object, select, countOnly, aggregate, groupBy, where, orderBy, limit, offset };
  }

  /** Resolves `Name`, `Account.Owner.Name` or `o.Name` (with the FROM alias) case-insensitively. */
  resolve(object: SObjectDef, raw: string, alias: string | undefined): FieldRef {
    let segments = raw.split('.');
    if (segments.length > 1 && alias && segments[0]!.toLowerCase() === alias.toLowerCase()) segments = segments.slice(1);
    let objects: SObjectDef[] = [object];
    const hops: Hop[] = [];
    for (const segment of segments.slice(0, -1)) {
      const lower = segment.toLowerCase();
      let reference: FieldDef | undefined;
      for (const candidate of objects) {
        reference = candidate.fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === lower);
        if (reference) break;
      }
      if (!reference?.relationshipName) throw unknownParentRelationship(segment);
      if (isPolymorphic(reference)) {
        hops.push({ referenceField: reference.name, relationshipName: reference.relationshipName, polymorphic: true });
        objects = [NAME_OBJECT];
        continue;
      }
      hops.push({ referenceField: reference.name, relationshipName: reference.relationshipName });
      objects = (reference.referenceTo ?? []).map((name) => this.schema.object(name)).filter((def): def is SObjectDef => def !== undefined);
    }
    const name = segments[segments.length - 1]!;
    for (const candidate of objects) {
      const field = candidate === NAME_OBJECT ? NAME_OBJECT.fields.find((f) => f.name.toLowerCase() === name.toLowerCase()) : this.schema.field(candidate.name, name);
      if (field) return { hops, field, path: [...hops.map((h) => h.relationshipName), field.name].join('.') };
    }
    throw noSuchColumn(name, objects[0]?.name ?? object.name);
  }

  /** A TYPEOF on a polymorphic relationship: each WHEN's fields on its object, ELSE's on the Name object. */
  private typeofItem(object: SObjectDef, relationship: string, conditions: { type: 'WHEN' | 'ELSE'; objectType?: string; fieldList: string[] }[]): TypeofItem {
    const reference = object.fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === relationship.toLowerCase());
    if (!reference?.relationshipName || !isPolymorphic(reference)) throw malformed(`TYPEOF can only be used on a polymorphic relationship: ${relationship}`);
    const fieldsOf = (target: SObjectDef, names: string[]) =>
      names.map((name) => {
        const f = target === NAME_OBJECT ? NAME_OBJECT.fields.find((d) => d.name.toLowerCase() === name.toLowerCase()) : this.schema.field(target.name, name);
        if (!f) throw noSuchColumn(name, target.name);
        return f;
      });
    const branches = [];
    let otherwise;
    for (const condition of conditions) {
      if (condition.type === 'ELSE') {
        otherwise = fieldsOf(NAME_OBJECT, condition.fieldList);
        continue;
      }
      const target = this.schema.object(condition.objectType ?? '');
      if (!target || !(reference.referenceTo ?? []).includes(target.name)) throw malformed(`TYPEOF ${relationship}: ${condition.objectType ?? ''} is not one of its objects`);
      branches.push({ object: target, fields: fieldsOf(target, condition.fieldList) });
    }
    return { kind: 'typeof', referenceField: reference.name, relationshipName: reference.relationshipName, branches, otherwise };
  }

  private aggregateArgument(object: SObjectDef, fn: AggregateFn, parameters: (string | FunctionExp)[], scope: Scope): FieldRef {
    const argument = parameters[0];
    if (typeof argument !== 'string' || parameters.length !== 1) throw malformed(`${fn}() takes one field`);
    const ref = this.resolve(object, argument, scope.alias);
    // Compound fields (addresses, geolocations) are read whole, never aggregated.
    if (ref.field.components) throw malformed(`field ${ref.path} does not support aggregate operator ${fn}`);
    if ((fn === 'SUM' || fn === 'AVG') && !isNumberType(ref.field.type)) {
      throw malformed(`field ${ref.path} does not support aggregate operator ${fn}`);
    }
    return ref;
  }

  private child(parent: SObjectDef, subquery: Subquery, childLevels: number): ChildPlan {
    const lower = subquery.relationshipName.toLowerCase();
    const relationship = parent.childRelationships.find((r) => r.relationshipName.toLowerCase() === lower);
    const childObject = relationship ? this.schema.object(relationship.childSObject) : undefined;
    if (!relationship || !childObject) throw unknownChildRelationship(subquery.relationshipName);
    const plan = this.plan(subquery, childObject, { alias: undefined, childLevels, allowSemiJoins: false });
    if (plan.aggregate || plan.countOnly) throw malformed('Aggregate functions are not allowed in child relationship subqueries');
    return { ...plan, relationshipName: relationship.relationshipName, parentField: relationship.field };
  }

  private orderTerm(object: SObjectDef, clause: OrderByClause, scope: Scope, aggregate: boolean, grouped: Set<string>): OrderTerm {
    const descending = clause.order === 'DESC';
    const nullsFirst = clause.nulls ? clause.nulls === 'FIRST' : !descending;
    if ('field' in clause) {
      const ref = this.resolve(object, clause.field, scope.alias);
      if (ref.field.sortable === false || ref.field.type === 'multipicklist') throw notSortable(ref.path);
      if (aggregate && !grouped.has(ref.path.toLowerCase())) throw malformed(`Ordered field must be grouped or aggregated: ${ref.path}`);
      return { source: { kind: 'field', ref }, descending, nullsFirst };
    }
    const fn = (clause.fn.functionName ?? '').toUpperCase();
    if (!aggregate || !AGGREGATES.has(fn)) throw malformed(`ORDER BY ${clause.fn.rawValue ?? fn} is not supported by the local org`);
    const ref = clause.fn.parameters?.length ? this.aggregateArgument(object, fn as AggregateFn, clause.fn.parameters, scope) : undefined;
    return { source: { kind: 'aggregate', fn: fn as AggregateFn, ref }, descending, nullsFirst };
  }

  private condition(object: SObjectDef, cond: ConditionWithValueQuery, scope: Scope): Condition {
    if (!('field' in cond)) throw malformed('Functions in WHERE are not supported by the local org');
    const ref = this.resolve(object, cond.field, scope.alias);
    if (ref.field.filterable === false) throw notFilterable(ref.path);
    // The parser passes `<>` through as written; it means `!=`.
    const op = (cond.operator as string) === '<>' ? '!=' : cond.operator;
    if ('valueQuery' in cond) return this.semiJoin(ref, op, cond.valueQuery, scope);

    const raws = Array.isArray(cond.value) ? cond.value : [cond.value];
    const types: (LiteralType | undefined)[] = raws.map((_, i) => (Array.isArray(cond.literalType) ? cond.literalType[i] : cond.literalType));
    const variables = 'dateLiteralVariable' in cond ? cond.dateLiteralVariable : undefined;
    const variable = (i: number) => (Array.isArray(variables) ? variables[i] : variables);
    const isList = Array.isArray(cond.value);
    const listOperator = op === 'IN' || op === 'NOT IN' || op === 'INCLUDES' || op === 'EXCLUDES';
    if (isList !== listOperator) throw malformed(`unexpected token: '${isList ? '(' : raws[0]}'`);

    switch (op) {
      case 'LIKE': {
        if (!isTextType(ref.field.type)) throw badOperator(`invalid operator on field: ${ref.path}`);
        if (types[0] !== 'STRING') throw wrongValueType(ref.path, 'string', true);
        return { kind: 'like', ref, pattern: new RegExp(`^${decodeString(raws[0]!, 'like')}$`, 'is') };
      }
      case 'INCLUDES':
      case 'EXCLUDES': {
        if (ref.field.type !== 'multipicklist') throw badOperator('includes or excludes operator only valid on multipicklist field');
        const sets = raws.map((raw, i) => {
          if (types[i] !== 'STRING') throw wrongValueType(ref.path, 'string', true);
          return multiKey(decodeString(raw)).split(';').filter((v) => v !== '');
        });
        return { kind: 'includes', ref, negated: op === 'EXCLUDES', sets };
      }
      case 'IN':
      case 'NOT IN': {
        const values = raws.map((raw, i) => {
          const literal = this.literal(ref, types[i], raw, variable(i));
          if (!('value' in literal)) throw malformed(`Date literals are not supported in ${op} lists by the local org`);
          return literal.value;
        });
        return { kind: 'in', ref, negated: op === 'NOT IN', values };
      }
      default: {
        const literal = this.literal(ref, types[0], raws[0]!, variable(0));
        if (ref.field.type === 'multipicklist' && op !== '=' && op !== '!=') throw badOperator(`invalid operator on multipicklist field: ${ref.path}`);
        return 'value' in literal
          ? { kind: 'compare', ref, op, value: literal.value }
          : { kind: 'range', ref, op, low: literal.low, high: literal.high };
      }
    }
  }

  /** Converts one literal to the comparable form of `ref`'s field, refusing the wrong kind. */
  private literal(ref: FieldRef, type: LiteralType | undefined, raw: string, variable: number | undefined): Literal {
    const fieldType = ref.field.type;
    if (type === 'NULL') return { value: null };
    const wrong = () => wrongValueType(ref.path, typeName(fieldType), takesQuotes(fieldType));
    if (type === 'STRING' && !raw.startsWith("'")) throw malformed(`unexpected token: '${raw}'`);
    if (fieldType === 'id' || fieldType === 'reference') {
      if (type !== 'STRING') throw wrong();
      const text = decodeString(raw);
      const id = toId18(text);
      if (!id) throw badOperator(`invalid ID field: ${text}`);
      return { value: id };
    }
    if (takesQuotes(fieldType)) {
      if (type !== 'STRING') throw wrong();
      const text = decodeString(raw);
      return { value: fieldType === 'multipicklist' ? multiKey(text) : text.toLowerCase() };
    }
    if (fieldType === 'boolean') {
      if (type !== 'BOOLEAN') throw wrong();
      return { value: raw.toUpperCase() === 'TRUE' };
    }
    if (isNumberType(fieldType)) {
      if (type === 'INTEGER' || type === 'DECIMAL') return { value: Number(raw) };
      if (fieldType === 'currency' && (type === 'INTEGER_WITH_CURRENCY_PREFIX' || type === 'DECIMAL_WITH_CURRENCY_PREFIX')) {
        return { value: Number(raw.slice(3)) };
      }
      throw wrong();
    }
    // date and datetime
    if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL') {
      const range = dateLiteralRange(raw.split(':')[0]!, variable, this.now);
      const high = nextDay(range.last);
      return fieldType === 'date'
        ? { low: range.first, high }
        : { low: `${range.first}T00:00:00.000+0000`, high: `${high}T00:00:00.000+0000` };
    }
    if (fieldType === 'date' && type === 'DATE') return { value: dateLiteral(raw) };
    if (fieldType === 'datetime' && type === 'DATETIME') return { value: datetimeLiteral(raw) };
    throw wrong();
  }

  private semiJoin(ref: FieldRef, op: string, subquery: Query, scope: Scope): Condition {
    if (!scope.allowSemiJoins) throw malformed('Nesting of semi join sub-selects is not supported');
    if (op !== 'IN' && op !== 'NOT IN') throw malformed(`unexpected token: '${op}'`);
    if (ref.hops.length > 0 || (ref.field.type !== 'id' && ref.field.type !== 'reference')) {
      throw malformed(`The left operand of a semi join must be an Id or reference field: ${ref.path}`);
    }
    const plan = this.plan(subquery, this.object(subquery.sObject ?? ''), { alias: subquery.sObjectAlias, childLevels: 0, allowSemiJoins: false });
    const only = plan.select[0];
    if (plan.select.length !== 1 || only?.kind !== 'field' || (only.ref.field.type !== 'id' && only.ref.field.type !== 'reference')) {
      throw malformed('Semi join sub-selects can only select one Id or reference field');
    }
    if (plan.aggregate || plan.countOnly) throw malformed('Semi join sub-selects can not use aggregate functions');
    return { kind: 'semi', ref, negated: op === 'NOT IN', plan, column: only.ref };
  }
}

function containsSemiJoin(node: BoolNode<Condition>): boolean {
  if (node.kind === 'cond') return node.cond.kind === 'semi';
  if (node.kind === 'not') return containsSemiJoin(node.child);
  return node.children.some(containsSemiJoin);
}

/** Salesforce allows semi- and anti-joins only as top-level conditions joined by AND. */
function checkSemiJoinPlacement(where: BoolNode<Condition>): void {
  if (where.kind === 'cond' || !containsSemiJoin(where)) return;
  if (where.kind === 'or') throw malformed("Semi join sub-selects are not allowed with the 'OR' operator");
  if (where.kind === 'and' && where.children.every((child) => child.kind === 'cond' || !containsSemiJoin(child))) return;
  throw malformed('Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.');
}
