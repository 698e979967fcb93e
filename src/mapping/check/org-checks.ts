/** The rows of `mapping check` beyond fields: API version, record access, stages and history tracking. */
import { soqlString } from '../../salesforce/soql.js';
import type { Playbook } from '../../scoring/index.js';
import type { Mapping } from '../mapping-schema.js';
import type { OrgMetadataPort } from '../org-metadata.js';
import { fail, ok, warn, type CheckRow } from './check-row.js';
import type { Describes } from './field-checks.js';

export function versionRow(versions: readonly string[], apiVersion: string): CheckRow {
  return versions.includes(apiVersion)
    ? ok(`API ${apiVersion}`, 'SF_API_VERSION', 'served by the org')
    : fail(`API ${apiVersion}`, 'SF_API_VERSION', `the org serves ${versions[0]}-${versions[versions.length - 1]}: set SF_API_VERSION to one of them`);
}

interface Access {
  viewAllData: boolean;
  modifyAllData: boolean;
  viewAll: boolean;
  modifyAll: boolean;
  sharing: string | null;
}

/** What the integration user may see and edit of Opportunities: its permission sets (profile included) and the org-wide default. */
async function opportunityAccess(port: OrgMetadataPort): Promise<Access> {
  const [organization] = await port.query<{ DefaultOpportunityAccess?: string | null }>('SELECT DefaultOpportunityAccess FROM Organization');
  const user = soqlString(await port.userId());
  const sets = await port.query<{ PermissionSet: { PermissionsViewAllData: boolean; PermissionsModifyAllData: boolean } }>(
    `SELECT PermissionSet.PermissionsViewAllData, PermissionSet.PermissionsModifyAllData FROM PermissionSetAssignment WHERE AssigneeId = ${user}`,
  );
  const objects = await port.query<{ PermissionsViewAllRecords: boolean; PermissionsModifyAllRecords: boolean }>(
    `SELECT PermissionsViewAllRecords, PermissionsModifyAllRecords FROM ObjectPermissions WHERE SobjectType = 'Opportunity' AND ParentId IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${user})`,
  );
  return {
    viewAllData: sets.some((s) => s.PermissionSet.PermissionsViewAllData),
    modifyAllData: sets.some((s) => s.PermissionSet.PermissionsModifyAllData),
    viewAll: objects.some((o) => o.PermissionsViewAllRecords || o.PermissionsModifyAllRecords),
    modifyAll: objects.some((o) => o.PermissionsModifyAllRecords),
    sharing: organization?.DefaultOpportunityAccess ?? null,
  };
}

/** A sync that silently sees a subset scores the wrong deals: the user must read (and write) every Opportunity. */
export async function accessRows(port: OrgMetadataPort): Promise<CheckRow[]> {
  let access: Access;
  try {
    access = await opportunityAccess(port);
  } catch (error) {
    const code = (error as { errorCode?: string }).errorCode ?? (error as Error).message;
    return [fail('Opportunity access', 'sync', `cannot read the integration user's permissions (${code}): give it View Setup and Configuration, or check View All on Opportunity by hand`)];
  }
  const how = access.viewAllData ? 'View All Data' : access.viewAll ? 'View All on Opportunity' : access.sharing === 'Read' || access.sharing === 'Edit' ? `org-wide default ${access.sharing}` : undefined;
  const editHow = access.modifyAllData ? 'Modify All Data' : access.modifyAll ? 'Modify All on Opportunity' : access.sharing === 'Edit' ? 'org-wide default Public Read/Write' : undefined;
  return [
    how
      ? ok('read every Opportunity', 'sync', `yes (${how})`)
      : fail('read every Opportunity', 'sync', 'the integration user sees only the deals it owns or is shared: assign Deal_Risk_Integration (View All on Opportunity) or give it View All Data'),
    editHow
      ? ok('edit every Opportunity', 'sync', `yes (${editHow})`)
      : fail('edit every Opportunity', 'sync', "the risk fields of deals others own would be refused: assign Deal_Risk_Integration (Modify All on Opportunity)"),
  ];
}

/** The mapped stages exist in OpportunityStage, active, open or won or lost as the playbook uses them. */
export async function stageRows(port: OrgMetadataPort, playbook: Playbook): Promise<CheckRow[]> {
  const stages = await port.query<{ ApiName: string; IsActive: boolean; IsClosed: boolean; IsWon: boolean }>('SELECT ApiName, IsActive, IsClosed, IsWon FROM OpportunityStage');
  const byName = new Map(stages.map((s) => [s.ApiName, s]));
  const expect = (name: string, kind: 'open' | 'won' | 'lost'): CheckRow => {
    const item = `stage ${name}`;
    const stage = byName.get(name);
    if (!stage) return fail(item, 'inputs.stages', `not a stage of the org: map the playbook's stage to one of ${stages.map((s) => s.ApiName).join(', ')}`);
    if (!stage.IsActive) return warn(item, 'inputs.stages', 'inactive: no deal enters it any more');
    const actual = stage.IsWon ? 'won' : stage.IsClosed ? 'lost' : 'open';
    if (actual !== kind) return fail(item, 'inputs.stages', `the playbook uses it as a ${kind} stage, the org's stage is ${actual}`);
    return ok(item, 'inputs.stages', kind);
  };
  const rows = [...playbook.stages.open.map((s) => expect(s.name, 'open')), ...playbook.stages.won.map((s) => expect(s, 'won')), ...playbook.stages.lost.map((s) => expect(s, 'lost'))];
  const used = new Set([...playbook.stages.open.map((s) => s.name), ...playbook.stages.won, ...playbook.stages.lost]);
  const unmapped = stages.filter((s) => s.IsActive && !used.has(s.ApiName)).map((s) => s.ApiName);
  if (unmapped.length > 0) rows.push(warn('unmapped stages', 'inputs.stages', `${unmapped.join(', ')}: deals there are scored UNKNOWN_STAGE; add them to the playbook and the mapping`));
  return rows;
}

/** Field history the signals read (CloseDate pushes) and the trend Salesforce keeps of score and level. */
export function historyRows(mapping: Mapping, describes: Describes): CheckRow[] {
  const tracked = new Set(describes.OpportunityFieldHistory?.fields.find((f) => f.name === 'Field')?.picklistValues.map((v) => v.value) ?? []);
  const rows = [
    tracked.has('CloseDate')
      ? ok('history of Opportunity.CloseDate', 'CLOSE_DATE_PUSHED', 'tracked')
      : warn('history of Opportunity.CloseDate', 'CLOSE_DATE_PUSHED', 'not tracked: pushes are read from OpportunityHistory (PrevCloseDate) instead'),
  ];
  for (const role of ['score', 'level'] as const) {
    const name = mapping.outputs[role];
    if (name === false) continue;
    rows.push(tracked.has(name) ? ok(`history of Opportunity.${name}`, `outputs.${role}`, 'tracked') : warn(`history of Opportunity.${name}`, `outputs.${role}`, 'not tracked: Salesforce keeps no trend of it (config/salesforce turns it on)'));
  }
  return rows;
}
