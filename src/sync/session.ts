import type { Config } from '../config/schema.js';
import { loadPlaybookFile } from '../config/playbook-file.js';
import { applyMapping } from '../mapping/apply-mapping.js';
import { loadMappingFile } from '../mapping/mapping-file.js';
import type { Mapping } from '../mapping/mapping-schema.js';
import { connectSalesforce } from '../salesforce/connect.js';
import { DealRepository } from '../salesforce/deal-repository.js';
import { JsforceOrgMetadata } from '../salesforce/org-metadata.js';
import type { OrgMetadataPort } from '../mapping/org-metadata.js';
import type { Playbook } from '../scoring/index.js';

/** What every scoring use case starts from: the admin's playbook (with the mapping's names), the mapping and a logged-in deal repository. */
export interface ScoringSession {
  playbook: Playbook;
  mapping: Mapping;
  deals: DealRepository;
  /** Describe and permissions, for `mapping check` before a run. */
  metadata: OrgMetadataPort;
}

/** The playbook and the mapping, checked together: a bad file fails before any Salesforce call. */
export function loadAdminFiles(config: Config): { playbook: Playbook; mapping: Mapping } {
  const mapping = loadMappingFile(config.files.mapping);
  return { playbook: applyMapping(loadPlaybookFile(config.files.playbook), mapping), mapping };
}

/** Loads the playbook and the mapping first, then logs in. */
export async function openScoringSession(config: Config): Promise<ScoringSession> {
  const files = loadAdminFiles(config);
  const conn = await connectSalesforce(config.salesforce);
  return { ...files, deals: new DealRepository(conn), metadata: new JsforceOrgMetadata(conn) };
}
