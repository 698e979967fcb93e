import { UnrecoverableError, type Job } from 'bullmq';
import type { Config } from '../src/config/schema.js';
import { loadPlaybookFile } from '../src/config/playbook-file.js';
import type { Logger } from '../src/logging/logger.js';
import { scoreDealsJob } from '../src/queue/catalog.js';
import { jobProcessor } from '../src/queue/jobs.js';
import { connectSalesforce, isLoginRefused } from '../src/salesforce/connect.js';
import { DealRepository } from '../src/salesforce/deal-repository.js';
import { SalesforceAuthError } from '../src/errors/salesforce-auth-error.js';
import { toRunResult, type ScoreRunResult } from '../src/sync/run-result.js';
import { scoreOpenDeals } from '../src/sync/score-open-deals.js';

/**
 * Processor of `score-open-deals`: logs in, runs one scoring run, returns its result. A login the
 * org refuses will be refused on every retry too, so it fails the job at once; a login host that
 * does not answer is retried per the job's backoff.
 */
export function scoreDealsProcessor(config: Config, logger: Logger): (job: Job) => Promise<ScoreRunResult> {
  return jobProcessor(scoreDealsJob, async (payload, job) => {
    const log = logger.child({ queue: job.queueName, jobId: job.id, runId: payload.runId });
    const playbook = loadPlaybookFile(config.files.playbook);
    let deals: DealRepository;
    try {
      deals = new DealRepository(await connectSalesforce(config.salesforce));
    } catch (error) {
      if (error instanceof SalesforceAuthError && isLoginRefused(error)) throw new UnrecoverableError(error.message);
      throw error;
    }
    log.info({ trigger: payload.trigger }, 'scoring run started');
    const result = toRunResult(await scoreOpenDeals({ deals, playbook, now: new Date(), logger: log }));
    log.info({ scored: result.scored, written: result.written, failures: result.failureCount }, 'scoring run finished');
    return result;
  });
}
