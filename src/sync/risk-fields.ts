import type { Mapping, OutputRole } from '../mapping/mapping-schema.js';
import { enabledOutputs } from '../mapping/mapping-schema.js';
import type { ScoredAssessment } from '../scoring/index.js';

/** Longest text the codes field holds (Text(255)); reasons and missing verifiers are long text areas. */
const CODES_MAX = 255;
const LONG_TEXT_MAX = 32_768;

/** The value each output role takes for one scored deal. */
const VALUES: Record<OutputRole, (a: ScoredAssessment, mapping: Mapping) => unknown> = {
  score: (a) => a.score,
  level: (a, mapping) => mapping.outputs.levelValues[a.level],
  reasons: (a) => a.reasonsText.slice(0, LONG_TEXT_MAX),
  codes: (a) => a.codesText.slice(0, CODES_MAX),
  // The formula Days_In_Stage__c counts from this date, so no record is rewritten because a day passed.
  stageEnteredDate: (a) => a.facts.stageEnteredAt?.slice(0, 10) ?? null,
  benchmarkDays: (a) => (a.facts.benchmark ? Math.round(a.facts.benchmark.days * 10) / 10 : null),
  mobilizerCount: (a) => a.facts.mobilizers.length,
  missingVerifiers: (a) => a.facts.verifiersMissing.map((v) => v.label).join('\n').slice(0, LONG_TEXT_MAX) || null,
  updatedAt: (a) => a.scoredAt,
};

/** The Opportunity fields dealrisk writes for one scored deal: every output the mapping switches on, under its mapped name. */
export function riskFields(assessment: ScoredAssessment, mapping: Mapping): Record<string, unknown> & { Id: string } {
  const fields: Record<string, unknown> & { Id: string } = { Id: assessment.opportunityId };
  for (const [role, name] of enabledOutputs(mapping)) fields[name] = VALUES[role](assessment, mapping);
  return fields;
}

/** The risk fields of a deal that is over: every output cleared, the "last changed" stamp set to `now`. */
export function clearedRiskFields(opportunityId: string, mapping: Mapping, now: Date): Record<string, unknown> & { Id: string } {
  const fields: Record<string, unknown> & { Id: string } = { Id: opportunityId };
  for (const [role, name] of enabledOutputs(mapping)) fields[name] = role === 'updatedAt' ? now.toISOString() : null;
  return fields;
}
