import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_SOURCE_DIR } from './local-org.js';

const listView = (name: string, scope: string) => `<?xml version="1.0" encoding="UTF-8"?>
<ListView xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
    <columns>OPPORTUNITY.NAME</columns>
    <columns>ACCOUNT.NAME</columns>
    <columns>Deal_Risk_Score__c</columns>
    <columns>OPPORTUNITY.STAGE_NAME</columns>
    <columns>CORE.USERS.FULL_NAME</columns>
    <filterScope>${scope}</filterScope>
    <filters>
        <field>Deal_Risk_Level__c</field>
        <operation>equals</operation>
        <value>High</value>
    </filters>
    <label>${name.replace(/_/g, ' ')}</label>
</ListView>
`;

/** The test source plus two Opportunity list views (Everything and Mine), in a temporary folder. */
export function listViewSource(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-org-source-'));
  cpSync(TEST_SOURCE_DIR, dir, { recursive: true });
  mkdirSync(join(dir, 'objects/Opportunity/listViews'), { recursive: true });
  writeFileSync(join(dir, 'objects/Opportunity/listViews/High_risk.listView-meta.xml'), listView('High_risk', 'Everything'));
  writeFileSync(join(dir, 'objects/Opportunity/listViews/My_high_risk.listView-meta.xml'), listView('My_high_risk', 'Mine'));
  return dir;
}
