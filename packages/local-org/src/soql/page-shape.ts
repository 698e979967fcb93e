/**
 * What of a plan decides how its result pages: the child relationships each row carries inline,
 * and how many long text areas it selects (two or more cap a page at 200 rows).
 */
import type { QueryPlan } from './plan.js';

/** A text area longer than 255 characters is a long (or rich) text area. */
const LONG_TEXT_MIN_LENGTH = 256;

/** The relationship names of the plan's child subqueries, in the order selected. */
export function childRelationshipNames(plan: QueryPlan): string[] {
  return plan.select.flatMap((item) => (item.kind === 'child' ? [item.plan.relationshipName] : []));
}

/**
 * Long text area fields the statement selects, its subqueries' included and custom or standard
 * alike (the docs say "custom fields of type long text"; Task.Description counts here too, the
 * stricter reading).
 */
export function longTextAreaCount(plan: QueryPlan): number {
  let count = 0;
  for (const item of plan.select) {
    if (item.kind === 'field' && item.ref.field.type === 'textarea' && (item.ref.field.length ?? 0) >= LONG_TEXT_MIN_LENGTH) count += 1;
    else if (item.kind === 'child') count += longTextAreaCount(item.plan);
  }
  return count;
}
