import { z } from 'zod';

/** How many ids a report lists per errorCode (all are counted and logged). */
export const FIRST_IDS_PER_CODE = 5;

const isoTime = z.iso.datetime({ offset: true });
const count = z.number().int().min(0);

/** Salesforce's daily API counter: calls used in the rolling 24 hours out of those allowed. */
export const apiUsageSchema = z.object({ used: count, limit: count });

/** The API budget guard's figures for one run, in percent of the org's daily allowance. */
export const apiBudgetSchema = z.object({
  /** The org's usage when the plan began. */
  orgShareAtStart: z.number().min(0),
  startLimitPercent: z.number().min(0),
  /** The org's calls since the plan began (conservative: other integrations' calls count too). */
  runCalls: count,
  runShare: z.number().min(0),
  runLimitPercent: z.number().min(0),
  /**
   * Why the run paused: `start` (the org was at the start share: nothing planned or written), `run`
   * (the run reached its share: batches left unwritten), `allowance` (Salesforce refused batches'
   * calls, the org's daily allowance spent), or null.
   */
  pausedAt: z.enum(['start', 'run', 'allowance']).nullable(),
  /** Deals the plan chose that the guard left unwritten. */
  dealsNotWritten: count,
});

/** Open deals scored, per level. */
export const byLevelSchema = z.object({ High: count, Medium: count, Low: count });

/** What the run's open deals show the org records, and each verifier's fill rate among won deals (docs/scoring.md). */
export const coverageSchema = z.object({
  openDeals: count,
  withProfiledContacts: count,
  mobilizerAssessed: count,
  fired: z.record(z.string(), count),
  notAssessed: z.record(z.string(), count),
  verifiers: z.array(
    z.object({ code: z.string(), label: z.string(), kind: z.enum(['field', 'contactRole', 'activity']), wonDeals: count, metDeals: count, fillRate: z.number().nullable(), calibrated: z.boolean() }),
  ),
});

/** Records refused with one errorCode: how many, and the first ids with the first message. */
export const failureGroupSchema = z.object({
  errorCode: z.string().min(1),
  count: count,
  firstIds: z.array(z.string()).max(FIRST_IDS_PER_CODE),
  message: z.string(),
});

/**
 * What one sync run did, as the finish job stores it in Redis and `dealrisk status --json` prints
 * it (docs/status.md documents every field). Extra fields a later version adds are kept on read,
 * so an older `status` still shows a newer report.
 */
export const runReportSchema = z.looseObject({
  runId: z.string().min(1),
  mode: z.enum(['full', 'incremental']),
  dryRun: z.boolean(),
  /** The time the deals were scored as of. */
  asOf: isoTime,
  startedAt: isoTime,
  finishedAt: isoTime,
  durationMs: count,
  /** `paused: api budget`: the run stopped itself at its share of the daily allowance; the next run resumes. */
  outcome: z.enum(['succeeded', 'failed', 'paused: api budget']),
  /** Deals the plan chose. */
  planned: count,
  scored: count,
  /** Field values written (the "risk fields last changed" stamp included). */
  fieldsWritten: count,
  /** Deals whose stored risk fields already matched: nothing written. */
  unchanged: count,
  tasksOpened: count,
  tasksCompleted: count,
  /** Records Salesforce refused, by errorCode, most frequent first. */
  failures: z.array(failureGroupSchema),
  /** API requests the run itself made. */
  apiCalls: count,
  /** The org's daily usage when the run started (null when Salesforce did not say). */
  orgDailyUsageAtStart: apiUsageSchema.nullable(),
  /** The API budget guard's figures (absent on reports of versions before it). */
  apiBudget: apiBudgetSchema.optional(),
  /** Level distribution and input coverage of the open deals scored (absent on reports of versions before them). */
  byLevel: byLevelSchema.optional(),
  coverage: coverageSchema.optional(),
});

export type RunReport = z.output<typeof runReportSchema>;
export type FailureGroup = z.output<typeof failureGroupSchema>;
export type ApiBudgetReport = z.output<typeof apiBudgetSchema>;
export type RunOutcome = RunReport['outcome'];

/** One refused record, as a batch keeps it. */
export interface RefusedRecordFacts {
  id: string;
  errorCode: string;
  message: string;
}

/**
 * Groups refused records by errorCode for a report: `countsByCode` holds every refusal's count
 * (batches count them all), `listed` the records they kept; each group lists its first ids.
 */
export function groupFailures(countsByCode: Readonly<Record<string, number>>, listed: readonly RefusedRecordFacts[]): FailureGroup[] {
  return Object.entries(countsByCode)
    .map(([errorCode, total]) => {
      const records = listed.filter((record) => record.errorCode === errorCode);
      return {
        errorCode,
        count: total,
        firstIds: records.slice(0, FIRST_IDS_PER_CODE).map((record) => record.id),
        message: records[0]?.message ?? '',
      };
    })
    .sort((a, b) => b.count - a.count || a.errorCode.localeCompare(b.errorCode));
}
