import { pino } from 'pino';
import type { LocalOrg } from '@dealrisk/local-org';
import { loadPlaybookFile } from '../../src/config/playbook-file.js';
import { loadConfig } from '../../src/config/load.js';
import { applyMapping } from '../../src/mapping/apply-mapping.js';
import { defaultMapping } from '../../src/mapping/mapping-file.js';
import { connectSalesforce } from '../../src/salesforce/connect.js';
import { JsforceSalesforce } from '../../src/salesforce/jsforce-salesforce.js';
import { mergeBatchResults, type BatchResult } from '../../src/sync/batch-result.js';
import { planRun, type SyncMode } from '../../src/sync/plan-run.js';
import { scoreBatch } from '../../src/sync/score-batch.js';
import { salesforceSettings } from './local-org.js';

export const quiet = pino({ level: 'silent' });

/** The sync port over a fresh client-credentials login to `org`. */
export async function portFor(org: LocalOrg): Promise<JsforceSalesforce> {
  return new JsforceSalesforce(await connectSalesforce(salesforceSettings(org, 'client_credentials')));
}

/**
 * One sync run's use cases in this process, without queues: plan, then every batch in turn, as
 * the workers would run them. For tests of what a run writes; the queues have their own tests.
 */
export async function syncInProcess(
  org: LocalOrg,
  options: { mode?: SyncMode; watermark?: string; now?: Date; dryRun?: boolean; salesforce?: JsforceSalesforce } = {},
): Promise<BatchResult & { planned: number; startedAt: string }> {
  const mapping = defaultMapping();
  const playbook = applyMapping(loadPlaybookFile('config/playbook.yaml'), mapping);
  const salesforce = options.salesforce ?? (await portFor(org));
  const now = options.now ?? org.store.clock.now();
  const plan = await planRun({ salesforce, playbook, mapping, mode: options.mode ?? 'full', watermark: options.watermark, lookBackMs: loadConfig({}, undefined).sync.lookBackMs, asOf: now, startedAt: org.store.clock.now() });
  const results: BatchResult[] = [];
  for (const ids of plan.batches) {
    results.push(await scoreBatch({ salesforce, playbook, mapping, benchmarks: plan.benchmarks, now, ids, dryRun: options.dryRun === true, logger: quiet }));
  }
  return { ...mergeBatchResults(results), planned: plan.planned, startedAt: plan.startedAt };
}
