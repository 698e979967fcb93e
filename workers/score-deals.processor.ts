import { UnrecoverableError, type Job } from 'bullmq';
import type { Config } from '../src/config/schema.js';
import type { Logger } from '../src/logging/logger.js';
import { scoreDealsJob } from '../src/queue/catalog.js';
import { jobProcessor } from '../src/queue/jobs.js';
import { isLoginRefused } from '../src/salesforce/connect.js';
import { isConfigError } from '../src/errors/config-error.js';
import { SalesforceAuthError } from '../src/errors/salesforce-auth-error.js';
import { toRunResult, type ScoreRunResult } from '../src/sync/run-result.js';
import { scoreOpenDeals } from '../src/sync/score-open-deals.js';
import { openScoringSession, type ScoringSession } from '../src/sync/session.js';
import { checkSession } from '../src/mapping/check/check-session.js';
import { refusalLine } from '../src/mapping/check/report-table.js';

/** A bad playbook or a login the org refuses fails the same way on every retry. */
function failsEveryTime(error: unknown): error is Error {
  return isConfigError(error) || (error instanceof SalesforceAuthError && isLoginRefused(error));
}

/**
 * Processor of `score-open-deals`: loads the playbook, logs in, runs one scoring run, returns its
 * result. What would fail on every retry fails the job at once; a login host that does not answer
 * is retried per the job's backoff.
 */
export function scoreDealsProcessor(config: Config, logger: Logger): (job: Job) => Promise<ScoreRunResult> {
  return jobProcessor(scoreDealsJob, async (payload, job) => {
    const log = logger.child({ queue: job.queueName, jobId: job.id, runId: payload.runId });
    let session: ScoringSession;
    try {
      session = await openScoringSession(config);
    } catch (error) {
      if (failsEveryTime(error)) throw new UnrecoverableError(error.message);
      throw error;
    }
    // A scheduled run refuses a mismatched mapping as `dealrisk sync` does: it would fail the same way on every retry.
    const { failures } = await checkSession(session, config.salesforce.apiVersion);
    if (failures.length > 0) throw new UnrecoverableError(refusalLine(failures));
    log.info({ trigger: payload.trigger }, 'scoring run started');
    const result = toRunResult(await scoreOpenDeals({ ...session, now: new Date(), logger: log }));
    log.info({ scored: result.scored, written: result.written, failures: result.failureCount }, 'scoring run finished');
    return result;
  });
}
