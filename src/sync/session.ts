import type { Config } from '../config/schema.js';
import { loadPlaybookFile } from '../config/playbook-file.js';
import { connectSalesforce } from '../salesforce/connect.js';
import { DealRepository } from '../salesforce/deal-repository.js';
import type { Playbook } from '../scoring/index.js';

/** What every scoring use case starts from: the admin's playbook and a logged-in deal repository. */
export interface ScoringSession {
  playbook: Playbook;
  deals: DealRepository;
}

/** Loads the playbook first (a bad one fails before any Salesforce call), then logs in. */
export async function openScoringSession(config: Config): Promise<ScoringSession> {
  const playbook = loadPlaybookFile(config.files.playbook);
  return { playbook, deals: new DealRepository(await connectSalesforce(config.salesforce)) };
}
