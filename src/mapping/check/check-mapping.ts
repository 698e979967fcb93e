import type { Playbook } from '../../scoring/index.js';
import type { Mapping } from '../mapping-schema.js';
import type { OrgMetadataPort } from '../org-metadata.js';
import type { CheckRow } from './check-row.js';
import { inputRows, outputRows, standardRows, taskRows, type Describes } from './field-checks.js';
import { accessRows, historyRows, stageRows, versionRow } from './org-checks.js';

const DESCRIBED = ['Opportunity', 'Contact', 'Task', 'Event', 'OpportunityContactRole', 'OpportunityHistory', 'OpportunityFieldHistory'];

/**
 * `dealrisk mapping check`: the mapping against the org as the integration user sees it — every
 * mapped field (exists, visible, type, editable, lengths, picklist values), the Task key, the
 * standard fields read, the stages, record access and history tracking. One row per finding.
 * `playbook` is the playbook with the mapping's names applied.
 */
export async function checkMapping(port: OrgMetadataPort, mapping: Mapping, playbook: Playbook, apiVersion: string): Promise<CheckRow[]> {
  const describes: Describes = Object.fromEntries(await Promise.all(DESCRIBED.map(async (name) => [name, await port.describe(name)] as const)));
  return [
    versionRow(await port.apiVersions(), apiVersion),
    ...outputRows(mapping, describes),
    ...taskRows(mapping, describes),
    ...inputRows(mapping, playbook, describes),
    ...standardRows(describes, apiVersion),
    ...(await stageRows(port, playbook)),
    ...(await accessRows(port)),
    ...historyRows(mapping, describes),
  ];
}
