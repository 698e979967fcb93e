import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { describe, expect, it } from 'vitest';
import { type BoolNode, buildWhereTree } from '../../../src/soql/where-tree.js';

/** The tree of a WHERE clause in a compact notation: and(a, or(b, c)), not(a). */
function shape(where: string): string {
  const query = parseQuery(`SELECT Id FROM Account WHERE ${where}`);
  const tree = buildWhereTree(query.where!, (cond) => ('field' in cond ? cond.field : '?'));
  const render = (node: BoolNode<string>): string =>
    node.kind === 'cond' ? node.cond : node.kind === 'not' ? `not(${render(node.child)})` : `${node.kind}(${node.children.map(render).join(', ')})`;
  return render(tree);
}

function refusal(where: string): string {
  try {
    shape(where);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('buildWhereTree', () => {
  it.each([
    ['a = 1', 'a'],
    ['a = 1 AND b = 2 AND c = 3', 'and(a, b, c)'],
    ['a = 1 OR b = 2 OR c = 3', 'or(a, b, c)'],
    ['a = 1 AND (b = 2 OR c = 3)', 'and(a, or(b, c))'],
    ['(a = 1 AND b = 2) OR c = 3', 'or(and(a, b), c)'],
    ['((a = 1))', 'a'],
    ['(a = 1 OR (b = 2 AND (c = 3 OR d = 4))) AND e = 5', 'and(or(a, and(b, or(c, d))), e)'],
    ['NOT a = 1', 'not(a)'],
    ['NOT (a = 1 OR b = 2)', 'not(or(a, b))'],
    ['a = 1 AND (NOT b = 2)', 'and(a, not(b))'],
    ['a = 1 OR (NOT (b = 2 AND c = 3))', 'or(a, not(and(b, c)))'],
    ['((NOT a = 1)) AND b = 2', 'and(not(a), b)'],
    ['(NOT (a = 1 OR b = 2)) AND c = 3', 'and(not(or(a, b)), c)'],
    ['(a = 1 AND (NOT b = 2)) OR c = 3', 'or(and(a, not(b)), c)'],
    ['(a = 1 OR b = 2) AND (c = 3 OR d = 4)', 'and(or(a, b), or(c, d))'],
  ])('when WHERE %s, then the tree is %s', (where, expected) => {
    expect(shape(where)).toBe(expected);
  });

  it.each([
    ['a = 1 OR b = 2 AND c = 3', "unexpected token: 'AND'"],
    ['a = 1 AND b = 2 OR c = 3', "unexpected token: 'OR'"],
    ['a = 1 AND NOT b = 2', "unexpected token: 'NOT'"],
    ['NOT a = 1 AND b = 2', "unexpected token: 'AND'"],
    ['(a = 1 OR b = 2) AND c = 3 OR d = 4', "unexpected token: 'OR'"],
  ])('when WHERE %s mixes operators without parentheses, then it is refused with %s', (where, message) => {
    expect(refusal(where)).toBe(message);
  });
});
