import type { Config } from '../config/schema.js';
import { loadPlaybookFile } from '../config/playbook-file.js';
import { applyMapping } from '../mapping/apply-mapping.js';
import { loadMappingFile } from '../mapping/mapping-file.js';
import type { Mapping } from '../mapping/mapping-schema.js';
import type { OrgMetadataPort } from '../mapping/org-metadata.js';
import { connectSalesforce } from '../salesforce/connect.js';
import { DealRepository } from '../salesforce/deal-repository.js';
import { JsforceSalesforce } from '../salesforce/jsforce-salesforce.js';
import { JsforceOrgMetadata } from '../salesforce/org-metadata.js';
import { UsageMeter } from '../salesforce/usage-meter.js';
import type { Playbook } from '../scoring/index.js';
import type { SalesforcePort } from './ports.js';

/** The admin's playbook (with the mapping's names) and the mapping. */
export interface AdminFiles {
  playbook: Playbook;
  mapping: Mapping;
}

/** One logged-in connection's ports: the sync's and `mapping check`'s (describe and permissions). */
export interface SalesforceSession {
  salesforce: SalesforcePort;
  metadata: OrgMetadataPort;
  /** The REST reads the backtest replays from (closed deals with every dated row). */
  deals: DealRepository;
}

/** What every scoring use case starts from: the admin files and a logged-in session. */
export type ScoringSession = AdminFiles & SalesforceSession;

/** The playbook and the mapping, checked together: a bad file fails before any Salesforce call. */
export function loadAdminFiles(config: Config): AdminFiles {
  const mapping = loadMappingFile(config.files.mapping);
  return { playbook: applyMapping(loadPlaybookFile(config.files.playbook), mapping), mapping };
}

/** Logs in once with the configured flow; jsforce renews the session itself when it expires. */
export async function openSalesforceSession(config: Config): Promise<SalesforceSession> {
  // The meter sees every response of the login, so a budget check knows the org's latest usage.
  const meter = new UsageMeter();
  const conn = await connectSalesforce(config.salesforce, { onResponse: meter.observe });
  return { salesforce: new JsforceSalesforce(conn, meter), metadata: new JsforceOrgMetadata(conn), deals: new DealRepository(conn) };
}

/** Loads the playbook and the mapping first, then logs in (commands that run once: explain, mapping check, sync's check). */
export async function openScoringSession(config: Config): Promise<ScoringSession> {
  const files = loadAdminFiles(config);
  return { ...files, ...(await openSalesforceSession(config)) };
}
