import type { Logger } from '../logging/logger.js';
import type { DealQueryOptions, DealRepository, RecordOutcome } from '../salesforce/deal-repository.js';
import { addToCoverage, assessOpportunity, computeBenchmarks, startCoverage, type Benchmarks, type CoverageReport, type Playbook, type RiskLevel, type ScoredAssessment } from '../scoring/index.js';
import type { Mapping } from '../mapping/mapping-schema.js';
import { riskFields } from './risk-fields.js';

/** What one scoring run did, in full (a job keeps the smaller ScoreRunResult, see run-result.ts). */
export interface ScoreRunSummary {
  benchmarks: Benchmarks;
  scored: number;
  byLevel: Record<RiskLevel, number>;
  written: number;
  /** Records Salesforce refused, each with its id and errorCode; the rest of their batch was written. */
  failures: RecordOutcome[];
  /** The riskiest deals, highest score first. */
  riskiest: ScoredAssessment[];
  /** Which inputs the org records: profiled contacts on open deals, verifier fill rates among won deals. */
  coverage: CoverageReport;
}

/** What a scoring run needs: the Salesforce port, the playbook (with the mapping's names), the mapping, the one `now` of the run and a logger. */
export interface ScoreRunOptions {
  deals: DealRepository;
  playbook: Playbook;
  mapping: Mapping;
  now: Date;
  logger: Logger;
  /** How many of the riskiest deals the summary keeps. */
  keepRiskiest?: number;
}

/** What the deal queries read: the fields the playbook's field verifiers check, and the mapping's stakeholder profile field. */
export function dealQueryOptions(playbook: Playbook, mapping: Mapping): DealQueryOptions {
  const fields = playbook.stages.open.flatMap((stage) => stage.verifiers.flatMap((v) => (v.kind === 'field' ? [v.field] : [])));
  return { verifierFields: [...new Set(fields)], profileField: mapping.inputs.stakeholderProfile.field };
}

/**
 * Benchmarks from the org's deals closed in the playbook's window (the same for a run and for
 * `explain`); with the deal query options, won deals also calibrate the verifiers.
 */
export async function orgBenchmarks(deals: DealRepository, playbook: Playbook, now: Date, options?: DealQueryOptions): Promise<Benchmarks> {
  return computeBenchmarks(await deals.closedDeals(playbook.benchmarks.windowDays, options), playbook, now);
}

/**
 * One scoring run: benchmarks from the deals closed in the playbook's window, then every open
 * deal page by page — assess, write the risk fields back, keep each refused record.
 */
export async function scoreOpenDeals(options: ScoreRunOptions): Promise<ScoreRunSummary> {
  const { deals, playbook, mapping, now, logger } = options;
  const benchmarks = await orgBenchmarks(deals, playbook, now, dealQueryOptions(playbook, mapping));
  logger.info({ wonDeals: benchmarks.cycle.wonDeals, lostDeals: benchmarks.cycle.lostDeals }, 'benchmarks computed');

  const summary: ScoreRunSummary = { benchmarks, scored: 0, byLevel: { High: 0, Medium: 0, Low: 0 }, written: 0, failures: [], riskiest: [], coverage: startCoverage(benchmarks) };
  const keep = options.keepRiskiest ?? 5;
  const noteOutcomes = (outcomes: readonly RecordOutcome[]) => {
    for (const outcome of outcomes) {
      if (outcome.success) summary.written += 1;
      else {
        summary.failures.push(outcome);
        logger.warn({ recordId: outcome.id, errorCode: outcome.errorCode, fields: outcome.fields }, outcome.message ?? 'record refused');
      }
    }
  };
  // Writes go out in full 200-record calls across pages, not one under-filled call per page.
  const updates = deals.updateBuffer('Opportunity');
  for await (const page of deals.openOpportunities(dealQueryOptions(playbook, mapping))) {
    const scored = page
      .map((opportunity) => assessOpportunity(opportunity, playbook, benchmarks, now))
      .filter((assessment): assessment is ScoredAssessment => assessment.status === 'scored');
    noteOutcomes(await updates.add(scored.map((assessment) => riskFields(assessment, mapping))));
    for (const assessment of scored) {
      summary.byLevel[assessment.level] += 1;
      addToCoverage(summary.coverage, assessment);
    }
    summary.scored += scored.length;
    summary.riskiest = [...summary.riskiest, ...scored].sort((a, b) => b.score - a.score).slice(0, keep);
    logger.info({ scored: summary.scored, written: summary.written }, 'page scored');
  }
  noteOutcomes(await updates.flush());
  return summary;
}
