/**
 * Runs a plan over the org's rows: visibility (IsDeleted), WHERE, ORDER BY, OFFSET/LIMIT and
 * GROUP BY. Predicates are compiled once per plan and execution, so a child subquery under
 * 100k parents costs one index lookup per parent.
 */
import type { OrgData, SRecord } from '../model.js';
import type { AggregateFn, Condition, FieldRef, OrderSource, OrderTerm, QueryPlan } from './plan.js';
import { type Comparable, asText, comparable, compareValues, multiKey } from './values.js';
import { nameValue } from './polymorphic.js';
import type { BoolNode } from './where-tree.js';

/** One execution: the data, whether deleted rows are visible (queryAll), compiled predicates. */
export interface ExecContext {
  data: OrgData;
  includeDeleted: boolean;
  predicates: Map<QueryPlan, ((row: SRecord) => boolean) | undefined>;
}

type Predicate = (row: SRecord) => boolean;

export function newContext(data: OrgData, includeDeleted: boolean): ExecContext {
  return { data, includeDeleted, predicates: new Map() };
}

function visible(row: SRecord | undefined, ctx: ExecContext): row is SRecord {
  return row !== undefined && (ctx.includeDeleted || !row.IsDeleted);
}

/** The parent `hops` away, or undefined when a lookup on the way is empty (or deleted, outside queryAll). */
function parentAt(row: SRecord, hops: number, ref: FieldRef, ctx: ExecContext): SRecord | undefined {
  let record: SRecord | undefined = row;
  for (let i = 0; i < hops && record; i += 1) {
    const id: unknown = record[ref.hops[i]!.referenceField];
    const parent: SRecord | undefined = typeof id === 'string' ? ctx.data.byId(id) : undefined;
    record = visible(parent, ctx) ? parent : undefined;
  }
  return record;
}

/** The stored (wire) value of a field path; null when a parent on the way is missing. */
export function valueAt(row: SRecord, ref: FieldRef, ctx: ExecContext): unknown {
  const record = ref.hops.length === 0 ? row : parentAt(row, ref.hops.length, ref, ctx);
  if (!record) return null;
  return ref.hops.at(-1)?.polymorphic ? nameValue(record, ref.field.name, ctx.data.schema) : (record[ref.field.name] ?? null);
}

function compileCondition(cond: Condition, ctx: ExecContext): Predicate {
  const { ref } = cond;
  const key = (row: SRecord) => comparable(ref.field, valueAt(row, ref, ctx));
  switch (cond.kind) {
    case 'compare': {
      const literal = cond.value;
      // SOQL treats null as a value: `= null` matches empty fields, `!= 'x'` keeps them.
      if (cond.op === '=') return (row) => key(row) === literal;
      if (cond.op === '!=') return (row) => key(row) !== literal;
      if (literal === null) return () => false;
      const accept = orderingTest(cond.op);
      return (row) => {
        const value = key(row);
        return value !== null && accept(compareValues(value, literal));
      };
    }
    case 'range': {
      const { low, high } = cond;
      const inside = (value: Comparable | null) => value !== null && value >= low && value < high;
      switch (cond.op) {
        case '=':
          return (row) => inside(key(row));
        case '!=':
          return (row) => !inside(key(row));
        case '<':
          return (row) => nonNull(key(row), (v) => v < low);
        case '<=':
          return (row) => nonNull(key(row), (v) => v < high);
        case '>':
          return (row) => nonNull(key(row), (v) => v >= high);
        case '>=':
          return (row) => nonNull(key(row), (v) => v >= low);
      }
      break;
    }
    case 'in': {
      const values = new Set(cond.values);
      return cond.negated ? (row) => !values.has(key(row)) : (row) => values.has(key(row));
    }
    case 'like': {
      const { pattern } = cond;
      return (row) => {
        const value = valueAt(row, ref, ctx);
        return value !== null && pattern.test(asText(value));
      };
    }
    case 'includes': {
      const { sets, negated } = cond;
      return (row) => {
        const value = valueAt(row, ref, ctx);
        // An empty multipicklist neither includes nor excludes anything.
        if (value === null || value === '') return false;
        const selected = new Set(multiKey(asText(value)).split(';'));
        const hit = sets.some((set) => set.every((v) => selected.has(v)));
        return negated ? !hit : hit;
      };
    }
    case 'semi': {
      const ids = new Set<unknown>();
      for (const row of selectRows(cond.plan, ctx)) {
        const id = valueAt(row, cond.column, ctx);
        if (id !== null) ids.add(id);
      }
      return cond.negated ? (row) => !ids.has(valueAt(row, ref, ctx)) : (row) => ids.has(valueAt(row, ref, ctx));
    }
  }
  return () => false;
}

function nonNull(value: Comparable | null, test: (v: Comparable) => boolean): boolean {
  return value !== null && test(value);
}

function orderingTest(op: '<' | '<=' | '>' | '>='): (order: number) => boolean {
  switch (op) {
    case '<':
      return (order) => order < 0;
    case '<=':
      return (order) => order <= 0;
    case '>':
      return (order) => order > 0;
    case '>=':
      return (order) => order >= 0;
  }
}

function compileTree(node: BoolNode<Condition>, ctx: ExecContext): Predicate {
  switch (node.kind) {
    case 'cond':
      return compileCondition(node.cond, ctx);
    case 'not': {
      const inner = compileTree(node.child, ctx);
      return (row) => !inner(row);
    }
    case 'and': {
      const parts = node.children.map((child) => compileTree(child, ctx));
      return (row) => {
        for (const part of parts) if (!part(row)) return false;
        return true;
      };
    }
    case 'or': {
      const parts = node.children.map((child) => compileTree(child, ctx));
      return (row) => {
        for (const part of parts) if (part(row)) return true;
        return false;
      };
    }
  }
}

function predicateOf(plan: QueryPlan, ctx: ExecContext): Predicate | undefined {
  if (!ctx.predicates.has(plan)) ctx.predicates.set(plan, plan.where ? compileTree(plan.where, ctx) : undefined);
  return ctx.predicates.get(plan);
}

/** Top-level `Id = …` or `Id IN (…)`: read those rows by id instead of scanning the object. */
function indexedSource(plan: QueryPlan, ctx: ExecContext): SRecord[] | undefined {
  const where = plan.where;
  if (!where) return undefined;
  const conditions = where.kind === 'cond' ? [where.cond] : where.kind === 'and' ? where.children.flatMap((c) => (c.kind === 'cond' ? [c.cond] : [])) : [];
  for (const cond of conditions) {
    if (cond.ref.hops.length > 0 || cond.ref.field.type !== 'id') continue;
    const ids = cond.kind === 'compare' && cond.op === '=' ? [cond.value] : cond.kind === 'in' && !cond.negated ? cond.values : undefined;
    if (!ids) continue;
    const rows: SRecord[] = [];
    for (const id of new Set(ids)) {
      const row = typeof id === 'string' ? ctx.data.byId(id) : undefined;
      if (row && ctx.data.schema.objectForId(row.Id)?.name === plan.object.name) rows.push(row);
    }
    return rows;
  }
  return undefined;
}

/** Visible rows of the plan's object (or of `source`) that pass its WHERE, unordered. */
function selectRows(plan: QueryPlan, ctx: ExecContext, source?: Iterable<SRecord>): SRecord[] {
  const rows = source ?? indexedSource(plan, ctx) ?? ctx.data.rows(plan.object.name);
  const predicate = predicateOf(plan, ctx);
  // queryAll without WHERE over an index list: nothing to filter, and callers never mutate it.
  if (!predicate && ctx.includeDeleted && Array.isArray(rows)) return rows as SRecord[];
  const out: SRecord[] = [];
  for (const row of rows) {
    // query() leaves out deleted rows and archived activities; queryAll() returns both.
    if (!ctx.includeDeleted && (row.IsDeleted || row.IsArchived === true)) continue;
    if (predicate && !predicate(row)) continue;
    out.push(row);
  }
  return out;
}

/**
 * Orders by the terms (Salesforce's defaults: ASC NULLS FIRST, DESC NULLS LAST), stable. Keys are
 * computed once per item into one column per term. With `keep` (OFFSET + LIMIT) much smaller than
 * the input, only the first `keep` are selected, so `ORDER BY … LIMIT n` over a large table costs
 * one pass instead of a full sort.
 */
export function sortBy<T>(items: T[], terms: readonly OrderTerm[], keyOf: (item: T, source: OrderSource) => Comparable | null, keep?: number): T[] {
  if (terms.length === 0) return items;
  const columns = terms.map((term) => items.map((item) => keyOf(item, term.source)));
  const compare = (a: number, b: number): number => {
    for (let t = 0; t < terms.length; t += 1) {
      const term = terms[t]!;
      const x = columns[t]![a]!;
      const y = columns[t]![b]!;
      if (x === y) continue;
      if (x === null) return term.nullsFirst ? -1 : 1;
      if (y === null) return term.nullsFirst ? 1 : -1;
      const order = compareValues(x, y);
      if (order !== 0) return term.descending ? -order : order;
    }
    return a - b;
  };
  if (keep !== undefined && keep * 8 < items.length) {
    const best: number[] = [];
    for (let i = 0; i < items.length; i += 1) {
      if (best.length === keep && (keep === 0 || compare(i, best[keep - 1]!) > 0)) continue;
      let low = 0;
      let high = best.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (compare(i, best[mid]!) < 0) high = mid;
        else low = mid + 1;
      }
      best.splice(low, 0, i);
      if (best.length > keep) best.pop();
    }
    return best.map((i) => items[i]!);
  }
  const order = items.map((_, i) => i).sort(compare);
  return order.map((i) => items[i]!);
}

/** How many leading rows ORDER BY must produce: OFFSET + LIMIT, or all without a LIMIT. */
function keepOf(plan: QueryPlan): number | undefined {
  return plan.limit === undefined ? undefined : (plan.offset ?? 0) + plan.limit;
}

/** Applies OFFSET then LIMIT. */
export function window<T>(items: T[], plan: QueryPlan): T[] {
  if (plan.offset === undefined && plan.limit === undefined) return items;
  const start = plan.offset ?? 0;
  return plan.limit === undefined ? items.slice(start) : items.slice(start, start + plan.limit);
}

/** Filtered, ordered and windowed rows of a (non-aggregate) plan. */
export function queryRows(plan: QueryPlan, ctx: ExecContext, source?: Iterable<SRecord>): SRecord[] {
  const rows = selectRows(plan, ctx, source);
  const sorted = sortBy(rows, plan.orderBy, (row, by) => (by.kind === 'field' ? comparable(by.ref.field, valueAt(row, by.ref, ctx)) : null), keepOf(plan));
  return window(sorted, plan);
}

/** An aggregate function over a group's rows, in wire form. */
export function aggregateValue(fn: AggregateFn, ref: FieldRef | undefined, rows: readonly SRecord[], ctx: ExecContext): Comparable | null {
  if (!ref) return rows.length;
  const values = rows.map((row) => valueAt(row, ref, ctx)).filter((value) => value !== null);
  switch (fn) {
    case 'COUNT':
      return values.length;
    case 'COUNT_DISTINCT':
      return new Set(values.map((value) => comparable(ref.field, value))).size;
    case 'SUM':
      return values.length === 0 ? null : values.reduce<number>((sum, value) => sum + Number(value), 0);
    case 'AVG':
      return values.length === 0 ? null : values.reduce<number>((sum, value) => sum + Number(value), 0) / values.length;
    case 'MIN':
    case 'MAX': {
      let best: unknown = null;
      let bestKey: Comparable | null = null;
      for (const value of values) {
        const valueKey = comparable(ref.field, value);
        if (valueKey === null) continue;
        const order = bestKey === null ? 0 : compareValues(valueKey, bestKey);
        if (bestKey === null || (fn === 'MIN' ? order < 0 : order > 0)) {
          best = value;
          bestKey = valueKey;
        }
      }
      return best as Comparable | null;
    }
  }
}

/** MIN and MAX order like their field (text case-insensitively); the others are numbers. */
function aggregateKey(fn: AggregateFn, ref: FieldRef | undefined, group: readonly SRecord[], ctx: ExecContext): Comparable | null {
  const value = aggregateValue(fn, ref, group, ctx);
  return ref && (fn === 'MIN' || fn === 'MAX') ? comparable(ref.field, value) : value;
}

/** GROUP BY: groups (text grouped case-insensitively), ordered and windowed. No GROUP BY: one group. */
export function queryGroups(plan: QueryPlan, ctx: ExecContext): SRecord[][] {
  const rows = selectRows(plan, ctx);
  let groups: SRecord[][];
  if (plan.groupBy.length === 0) {
    groups = [rows];
  } else {
    const byKey = new Map<string, SRecord[]>();
    for (const row of rows) {
      const key = JSON.stringify(plan.groupBy.map((ref) => comparable(ref.field, valueAt(row, ref, ctx))));
      const group = byKey.get(key);
      if (group) group.push(row);
      else byKey.set(key, [row]);
    }
    groups = [...byKey.values()];
  }
  const sorted = sortBy(groups, plan.orderBy, (group, by) =>
    by.kind === 'field'
      ? comparable(by.ref.field, group[0] ? valueAt(group[0], by.ref, ctx) : null)
      : aggregateKey(by.fn, by.ref, group, ctx),
    keepOf(plan),
  );
  return window(sorted, plan);
}
