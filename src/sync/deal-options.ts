import type { Mapping } from '../mapping/mapping-schema.js';
import { enabledOutputs, type OutputRole } from '../mapping/mapping-schema.js';
import { BenchmarkTally, type Benchmarks, type Playbook } from '../scoring/index.js';
import type { DealReader, DealReadOptions } from './ports.js';

/** What the deal queries read: the fields the playbook's field verifiers check, and the mapping's stakeholder profile field. */
export function dealQueryOptions(playbook: Playbook, mapping: Mapping): { verifierFields: string[]; profileField: string } {
  const fields = playbook.stages.open.flatMap((stage) => stage.verifiers.flatMap((v) => (v.kind === 'field' ? [v.field] : [])));
  return { verifierFields: [...new Set(fields)], profileField: mapping.inputs.stakeholderProfile.field };
}

/** Outputs the mapping check requires to be Long Text Areas (src/mapping/check/field-rules.ts). */
const LONG_TEXT_ROLES: ReadonlySet<OutputRole> = new Set(['reasons', 'missingVerifiers']);

/** What a sync batch reads: the scoring input, the risk fields as stored, and the Task key. */
export function dealReadOptions(playbook: Playbook, mapping: Mapping): DealReadOptions {
  const outputs = enabledOutputs(mapping);
  return {
    ...dealQueryOptions(playbook, mapping),
    riskFields: outputs.map(([, name]) => name),
    longTextRiskFields: outputs.flatMap(([role, name]) => (LONG_TEXT_ROLES.has(role) ? [name] : [])),
    filterableRiskFields: filterableRiskFields(mapping),
    taskKeyField: mapping.tasks.keyField,
  };
}

/** Outputs SOQL can filter on (long text areas cannot be): enough to tell a deal still carries risk fields. */
export function filterableRiskFields(mapping: Mapping): string[] {
  return enabledOutputs(mapping).flatMap(([role, name]) => (role === 'score' || role === 'level' || role === 'codes' ? [name] : []));
}

/** Benchmarks from the org's deals closed in the playbook's window (the same for a run and for `explain`); won deals also calibrate the verifiers. */
export async function orgBenchmarks(deals: Pick<DealReader, 'closedDeals'>, playbook: Playbook, mapping: Mapping, now: Date): Promise<Benchmarks> {
  // Tallied deal by deal: an org's year of closed deals with their rows is never held at once.
  const tally = new BenchmarkTally(playbook, now);
  for await (const deal of deals.closedDeals(playbook.benchmarks.windowDays, dealQueryOptions(playbook, mapping))) tally.add(deal);
  return tally.result();
}
