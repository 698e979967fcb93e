import type { DealRepository } from '../salesforce/deal-repository.js';
import { assessOpportunity, computeBenchmarks, type Assessment, type Playbook } from '../scoring/index.js';
import { PROFILE_FIELD, verifierFields } from './score-open-deals.js';

/**
 * Assesses one opportunity exactly as a scoring run would (same benchmarks from the org's closed
 * deals, same playbook); undefined when the org has no such opportunity.
 */
export async function assessOneDeal(options: { deals: DealRepository; playbook: Playbook; now: Date; opportunityId: string }): Promise<Assessment | undefined> {
  const { deals, playbook, now } = options;
  const opportunity = await deals.opportunity(options.opportunityId, { verifierFields: verifierFields(playbook), profileField: PROFILE_FIELD });
  if (!opportunity) return undefined;
  const benchmarks = computeBenchmarks(await deals.closedDeals(playbook.benchmarks.windowDays), playbook, now);
  return assessOpportunity(opportunity, playbook, benchmarks, now);
}
