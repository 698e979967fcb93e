/**
 * soql-parser-js returns WHERE as a right-leaning chain of conditions with paren counts
 * (`openParen`/`closeParen`) and AND/OR/NOT between them. This rebuilds the boolean tree and
 * enforces SOQL's grouping rules, which are stricter than SQL's: AND and OR can't be mixed at
 * one level without parentheses, and NOT must stand alone at its level, e.g.
 * `a = 1 AND (NOT b = 2)` but not `a = 1 AND NOT b = 2`; Salesforce answers both mistakes with
 * MALFORMED_QUERY "unexpected token".
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_logicaloperators.htm
 */
import type { ConditionWithValueQuery, WhereClause } from '@jetstreamapp/soql-parser-js';
import { malformed } from './errors.js';

/** A boolean tree over conditions of type T. */
export type BoolNode<T> =
  | { kind: 'and' | 'or'; children: BoolNode<T>[] }
  | { kind: 'not'; child: BoolNode<T> }
  | { kind: 'cond'; cond: T };

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { cond: ConditionWithValueQuery };

type Leaf = ConditionWithValueQuery & { closeParen?: number };

function isCondition(left: object): left is Leaf {
  return 'field' in left || 'fn' in left;
}

/** Flattens the parser's chain into tokens in source order. */
function tokenize(where: WhereClause): Token[] {
  const tokens: Token[] = [];
  let node: WhereClause | undefined = where;
  while (node) {
    const left = node.left;
    if (left) {
      for (let i = 0; i < (left.openParen ?? 0); i += 1) tokens.push('(');
      if (isCondition(left)) {
        tokens.push({ cond: left });
        for (let i = 0; i < (left.closeParen ?? 0); i += 1) tokens.push(')');
      }
    }
    if (!('operator' in node) || !node.operator) break;
    tokens.push(node.operator);
    node = node.right;
  }
  return tokens;
}

function describe(token: Token | undefined): string {
  if (token === undefined) return '<EOF>';
  return typeof token === 'string' ? token : 'condition';
}

/** Builds the tree, mapping each leaf condition through `leaf` (which may throw). */
export function buildWhereTree<T>(where: WhereClause, leaf: (cond: ConditionWithValueQuery) => T): BoolNode<T> {
  const tokens = tokenize(where);
  let pos = 0;
  const unexpected = (token: Token | undefined) => malformed(`unexpected token: '${describe(token)}'`);

  const operand = (): BoolNode<T> => {
    const token = tokens[pos];
    if (token === '(') {
      pos += 1;
      const inner = group();
      if (tokens[pos] !== ')') throw unexpected(tokens[pos]);
      pos += 1;
      return inner;
    }
    if (token !== undefined && typeof token !== 'string') {
      pos += 1;
      return { kind: 'cond', cond: leaf(token.cond) };
    }
    throw unexpected(token);
  };

  // One parenthesis level: `NOT operand`, or operands joined by a single kind of operator.
  const group = (): BoolNode<T> => {
    if (tokens[pos] === 'NOT') {
      pos += 1;
      const node: BoolNode<T> = { kind: 'not', child: operand() };
      if (tokens[pos] === 'AND' || tokens[pos] === 'OR') throw unexpected(tokens[pos]);
      return node;
    }
    const children = [operand()];
    let op: 'AND' | 'OR' | undefined;
    for (let token = tokens[pos]; token === 'AND' || token === 'OR'; token = tokens[pos]) {
      if (op && token !== op) throw unexpected(token);
      op = token;
      pos += 1;
      if (tokens[pos] === 'NOT') throw unexpected('NOT');
      children.push(operand());
    }
    if (!op) return children[0]!;
    return { kind: op === 'AND' ? 'and' : 'or', children };
  };

  const tree = group();
  if (pos !== tokens.length) throw unexpected(tokens[pos]);
  return tree;
}
