import type { DealRepository } from '../salesforce/deal-repository.js';
import type { Mapping } from '../mapping/mapping-schema.js';
import { assessOpportunity, type Assessment, type Playbook } from '../scoring/index.js';
import { dealQueryOptions, orgBenchmarks } from './score-open-deals.js';

/**
 * Assesses one opportunity exactly as a scoring run would (same benchmarks from the org's closed
 * deals, same playbook); undefined when the org has no such opportunity.
 */
export async function assessOneDeal(options: { deals: DealRepository; playbook: Playbook; mapping: Mapping; now: Date; opportunityId: string }): Promise<Assessment | undefined> {
  const { deals, playbook, now } = options;
  const queryOptions = dealQueryOptions(playbook, options.mapping);
  const opportunity = await deals.opportunity(options.opportunityId, queryOptions);
  if (!opportunity) return undefined;
  return assessOpportunity(opportunity, playbook, await orgBenchmarks(deals, playbook, now, queryOptions), now);
}
