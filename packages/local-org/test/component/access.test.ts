import { afterEach, describe, expect, it } from 'vitest';
import { builtInProfileId } from '../../src/access/index.js';
import { makeId } from '../../src/ids.js';
import type { DatasetFile } from '../../src/model.js';
import type { LocalOrg } from '../../src/server.js';
import { passwordGrantParams, restCall, startTestOrg, tokenCall } from '../support/local-org.js';

const INTEGRATION = makeId('005', 1);
const REP = makeId('005', 2);
const OWN_DEAL = makeId('006', 1);
const REPS_DEAL = makeId('006', 2);
const PERMISSION_SET = makeId('0PS', 100);

const user = (id: string, username: string, extra: Record<string, unknown> = {}) => ({
  Id: id, Username: username, LastName: username.split('@')[0], Email: username, Alias: 'u', TimeZoneSidKey: 'GMT', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US', ...extra,
});

/**
 * An integration user on the Minimum Access profile with one permission set: Deal_Risk_Level__c
 * editable, Deal_Risk_Score__c read-only, nothing else (Deal_Risk_Reasons__c and
 * Contact.Stakeholder_Profile__c hidden); one deal of its own and one of a rep's.
 */
function restrictedDataset(organization: Record<string, unknown> = {}): DatasetFile {
  return {
    records: {
      Organization: [{ Name: 'Restricted', OrganizationType: 'Enterprise Edition', IsSandbox: false, TimeZoneSidKey: 'GMT', LanguageLocaleKey: 'en_US', DefaultLocaleSidKey: 'en_US', ...organization }],
      User: [user(INTEGRATION, 'demo@dealrisk.local', { ProfileId: builtInProfileId('Minimum Access - API Only Integrations') }), user(REP, 'rep@dealrisk.local')],
      PermissionSet: [{ Id: PERMISSION_SET, Name: 'Risk_Writer', Label: 'Risk Writer' }],
      FieldPermissions: [
        { ParentId: PERMISSION_SET, SobjectType: 'Opportunity', Field: 'Opportunity.Deal_Risk_Level__c', PermissionsRead: true, PermissionsEdit: true },
        { ParentId: PERMISSION_SET, SobjectType: 'Opportunity', Field: 'Opportunity.Deal_Risk_Score__c', PermissionsRead: true, PermissionsEdit: false },
      ],
      PermissionSetAssignment: [{ AssigneeId: INTEGRATION, PermissionSetId: PERMISSION_SET }],
      Account: [{ Id: makeId('001', 1), Name: 'Acme' }],
      Contact: [{ Id: makeId('003', 1), LastName: 'Maya', AccountId: makeId('001', 1), Stakeholder_Profile__c: 'Teacher' }],
      Opportunity: [
        { Id: OWN_DEAL, Name: 'Own deal', StageName: 'Prospecting', CloseDate: '2026-06-30', AccountId: makeId('001', 1), OwnerId: INTEGRATION },
        { Id: REPS_DEAL, Name: "Rep's deal", StageName: 'Prospecting', CloseDate: '2026-06-30', AccountId: makeId('001', 1), OwnerId: REP },
      ],
      OpportunityContactRole: [
        { OpportunityId: OWN_DEAL, ContactId: makeId('003', 1), Role: 'Decision Maker' },
        { OpportunityId: REPS_DEAL, ContactId: makeId('003', 1), Role: 'Economic Buyer' },
      ],
    },
  };
}

let org: LocalOrg | undefined;
afterEach(async () => {
  await org?.stop();
  org = undefined;
});

async function tokenOf(started: LocalOrg): Promise<string> {
  return (await tokenCall(started, passwordGrantParams(started))).body.access_token as string;
}

const names = (body: unknown) => ((body as { records: { Name: string }[] }).records ?? []).map((r) => r.Name).sort();

describe('field-level security and record visibility per user', () => {
  it('when a field is hidden from the user, then describe leaves it out and SOQL refuses it with INVALID_FIELD', async () => {
    org = await startTestOrg({ dataset: restrictedDataset() });
    const token = await tokenOf(org);
    const describe = (await restCall(org, token, '/sobjects/Opportunity/describe')).body as { fields: { name: string; updateable: boolean; createable: boolean }[] };
    const field = (name: string) => describe.fields.find((f) => f.name === name);
    expect(field('Deal_Risk_Reasons__c')).toBeUndefined();
    expect(field('Deal_Risk_Score__c')).toMatchObject({ updateable: false, createable: false });
    expect(field('Deal_Risk_Level__c')).toMatchObject({ updateable: true, createable: true });
    expect(field('Name')).toMatchObject({ updateable: true });
    const contact = (await restCall(org, token, '/sobjects/Contact/describe')).body as { fields: { name: string }[] };
    expect(contact.fields.map((f) => f.name)).not.toContain('Stakeholder_Profile__c');

    for (const soql of ['SELECT Deal_Risk_Reasons__c FROM Opportunity', 'SELECT Contact.Stakeholder_Profile__c FROM OpportunityContactRole']) {
      const refused = await restCall(org, token, `/query?q=${encodeURIComponent(soql)}`);
      expect(refused.status, soql).toBe(400);
      expect(refused.body).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD', message: expect.stringMatching(/No such column/) as unknown })]);
    }
  });

  it('when the user writes a read-only or hidden field, then the write is refused and the editable field is written', async () => {
    org = await startTestOrg({ dataset: restrictedDataset() });
    const token = await tokenOf(org);
    const write = (fields: Record<string, unknown>) =>
      restCall(org!, token, '/composite/sobjects', { method: 'PATCH', body: { allOrNone: false, records: [{ attributes: { type: 'Opportunity' }, id: OWN_DEAL, ...fields }] } });
    expect((await write({ Deal_Risk_Score__c: 80 })).body).toEqual([
      { success: false, errors: [expect.objectContaining({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Deal_Risk_Score__c'] })] },
    ]);
    expect((await write({ Deal_Risk_Reasons__c: 'x' })).body).toEqual([{ success: false, errors: [expect.objectContaining({ statusCode: 'INVALID_FIELD' })] }]);
    expect((await write({ Deal_Risk_Level__c: 'High' })).body).toEqual([{ id: OWN_DEAL, success: true, errors: [] }]);
    expect(org.store.byId(OWN_DEAL)).toMatchObject({ Deal_Risk_Level__c: 'High', Deal_Risk_Score__c: null });
    const single = await restCall(org, token, `/sobjects/Opportunity/${OWN_DEAL}`, { method: 'PATCH', body: { Deal_Risk_Score__c: 80 } });
    expect(single.status).toBe(400);
    expect(single.body).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' })]);
  });

  it('when the user lacks View All Data under a Private default, then it sees and edits only its own deals and their rows', async () => {
    org = await startTestOrg({ dataset: restrictedDataset() });
    const token = await tokenOf(org);
    const query = async (soql: string) => (await restCall(org!, token, `/query?q=${encodeURIComponent(soql)}`)).body;
    expect(names(await query('SELECT Name FROM Opportunity'))).toEqual(['Own deal']);
    expect((await query('SELECT Role FROM OpportunityContactRole')) as { totalSize: number }).toMatchObject({ totalSize: 1, records: [{ Role: 'Decision Maker' }] });
    expect((await restCall(org, token, `/sobjects/Opportunity/${REPS_DEAL}`)).status).toBe(404);
    const write = await restCall(org, token, '/composite/sobjects', {
      method: 'PATCH',
      body: { allOrNone: false, records: [{ attributes: { type: 'Opportunity' }, id: REPS_DEAL, Deal_Risk_Level__c: 'High' }] },
    });
    expect(write.body).toEqual([{ success: false, errors: [expect.objectContaining({ statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY' })] }]);
    expect(org.store.byId(REPS_DEAL)?.Deal_Risk_Level__c).toBeNull();
  });

  it('when the org-wide default is Public Read Only, then the user sees every deal but still edits only its own', async () => {
    org = await startTestOrg({ dataset: restrictedDataset({ DefaultOpportunityAccess: 'Read' }) });
    const token = await tokenOf(org);
    expect(names((await restCall(org, token, `/query?q=${encodeURIComponent('SELECT Name FROM Opportunity')}`)).body)).toEqual(["Own deal", "Rep's deal"]);
    const write = await restCall(org, token, `/sobjects/Opportunity/${REPS_DEAL}`, { method: 'PATCH', body: { Deal_Risk_Level__c: 'High' } });
    expect(write.body).toEqual([expect.objectContaining({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' })]);
  });

  it('when a user has no profile, then it is a System Administrator with View All Data, as its permission set assignments say', async () => {
    org = await startTestOrg({ dataset: restrictedDataset() });
    // The rep is looked at through the integration user's session (which may read permission rows).
    const token = await tokenOf(org);
    const soql = `SELECT PermissionSet.Label, PermissionSet.PermissionsViewAllData FROM PermissionSetAssignment WHERE AssigneeId = '${REP}'`;
    expect((await restCall(org, token, `/query?q=${encodeURIComponent(soql)}`)).body).toMatchObject({
      totalSize: 1,
      records: [{ PermissionSet: { Label: 'System Administrator', PermissionsViewAllData: true } }],
    });
  });
});
