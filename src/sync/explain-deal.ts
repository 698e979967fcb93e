import type { Mapping } from '../mapping/mapping-schema.js';
import { assessOpportunity, type Assessment, type Playbook } from '../scoring/index.js';
import { dealReadOptions, orgBenchmarks } from './deal-options.js';
import type { DealSnapshot, SalesforcePort } from './ports.js';
import { taskWrites, type TaskWrites } from './task-writes.js';

/**
 * Assesses one opportunity exactly as a sync batch would (same read, same benchmarks from the
 * org's closed deals, same playbook), with the Task writes it would make; undefined when the org
 * has no such opportunity.
 */
export async function assessOneDeal(options: {
  salesforce: SalesforcePort;
  playbook: Playbook;
  mapping: Mapping;
  now: Date;
  opportunityId: string;
}): Promise<{ assessment: Assessment; tasks: TaskWrites } | undefined> {
  const { salesforce, playbook, mapping, now } = options;
  let snapshot: DealSnapshot | undefined;
  for await (const found of salesforce.dealsById([options.opportunityId], dealReadOptions(playbook, mapping))) snapshot = found;
  if (!snapshot) return undefined;
  const assessment = assessOpportunity(snapshot.deal, playbook, await orgBenchmarks(salesforce, playbook, mapping, now), now);
  return { assessment, tasks: taskWrites(assessment, snapshot.deal.OwnerId, snapshot.tasks, mapping) };
}
