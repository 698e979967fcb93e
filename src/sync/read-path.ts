/**
 * Which API a run reads its deals with. REST costs about one query page per 120 open deals (each
 * page holds 2,000 rows, child rows counted); Bulk API 2.0 costs a fixed few calls per object
 * (describe, create, polls) plus one results page per 50,000 rows, whatever the deals. So from
 * some run size on Bulk is cheaper: `threshold`, measured (docs/architecture.md "Reading at scale").
 */
export function readPathFor(plannedDeals: number, threshold: number): 'rest' | 'bulk' {
  return threshold > 0 && plannedDeals >= threshold ? 'bulk' : 'rest';
}
