import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSourceMetadata } from '../../../src/metadata/index.js';
import { createOrgSchema } from '../../../src/schema/index.js';
import { TEST_SOURCE_DIR } from '../../support/local-org.js';

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

/** A temporary SFDX project with the given files (path below force-app → content). */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sfdx-'));
  writeFileSync(join(root, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, 'force-app/main/default', path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

const field = (name: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField ${NS}>\n<fullName>${name}</fullName>\n${body}\n</CustomField>\n`;

describe('reading SFDX source', () => {
  it('when a folder of source files is read, then its custom fields on standard objects become typed fields, Activity ones on Task and Event', () => {
    const schema = createOrgSchema(readSourceMetadata([TEST_SOURCE_DIR]));
    expect(schema.field('Opportunity', 'Deal_Risk_Score__c')).toMatchObject({ type: 'double', precision: 3, scale: 0, custom: true, inlineHelpText: expect.stringMatching(/0 to 100/) as unknown });
    expect(schema.field('Opportunity', 'Deal_Risk_Level__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true, picklistValues: ['Low', 'Medium', 'High'] });
    expect(schema.field('Opportunity', 'Deal_Risk_Reasons__c')).toMatchObject({ type: 'textarea', length: 32768, filterable: false, sortable: false });
    expect(schema.field('Opportunity', 'Success_Criteria_Agreed__c')).toMatchObject({ type: 'boolean', nillable: false, defaultValue: false });
    for (const object of ['Task', 'Event']) expect(schema.field(object, 'Deal_Risk_Key__c')).toMatchObject({ type: 'string', length: 120, externalId: true });
    expect(schema.field('Account', 'Deal_Risk_Key__c')).toBeUndefined();
  });

  it('when a project defines a custom object with a lookup and a formula, then the object, its child relationship and the read-only formula exist', () => {
    const dir = project({
      'objects/Deal_Review__c/Deal_Review__c.object-meta.xml': `<?xml version="1.0"?>\n<CustomObject ${NS}><label>Deal Review</label><pluralLabel>Deal Reviews</pluralLabel><nameField><label>Review Name</label><type>Text</type></nameField></CustomObject>`,
      'objects/Deal_Review__c/fields/Opportunity__c.field-meta.xml': field('Opportunity__c', '<label>Opportunity</label><type>Lookup</type><referenceTo>Opportunity</referenceTo><relationshipName>Reviews</relationshipName>'),
      'objects/Deal_Review__c/fields/Days_Open__c.field-meta.xml': field('Days_Open__c', '<label>Days Open</label><type>Number</type><precision>18</precision><scale>0</scale><formula>TODAY() - DATEVALUE(CreatedDate)</formula>'),
    });
    const schema = createOrgSchema(readSourceMetadata([dir]));
    const review = schema.object('Deal_Review__c')!;
    expect(review).toMatchObject({ custom: true, label: 'Deal Review', labelPlural: 'Deal Reviews', keyPrefix: 'a01' });
    expect(review.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Id', 'Name', 'OwnerId', 'Opportunity__c', 'Days_Open__c', 'CreatedDate']));
    expect(schema.field('Deal_Review__c', 'Opportunity__c')).toMatchObject({ type: 'reference', referenceTo: ['Opportunity'], relationshipName: 'Opportunity__r' });
    expect(schema.field('Deal_Review__c', 'Days_Open__c')).toMatchObject({ createable: false, updateable: false, calculatedFormula: 'TODAY() - DATEVALUE(CreatedDate)' });
    expect(schema.object('Opportunity')!.childRelationships).toContainEqual(expect.objectContaining({ relationshipName: 'Reviews__r', childSObject: 'Deal_Review__c', field: 'Opportunity__c' }));
  });

  it('when a permission set and a list view are read, then their permissions, columns and filters come through', () => {
    const dir = project({
      'permissionsets/Reader.permissionset-meta.xml': `<?xml version="1.0"?>\n<PermissionSet ${NS}><label>Reader</label><fieldPermissions><editable>false</editable><field>Opportunity.Amount__c</field><readable>true</readable></fieldPermissions><objectPermissions><allowCreate>false</allowCreate><allowDelete>false</allowDelete><allowEdit>false</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>Opportunity</object><viewAllRecords>true</viewAllRecords></objectPermissions><userPermissions><enabled>true</enabled><name>ViewAllData</name></userPermissions></PermissionSet>`,
      'objects/Opportunity/listViews/Big.listView-meta.xml': `<?xml version="1.0"?>\n<ListView ${NS}><fullName>Big</fullName><columns>OPPORTUNITY.NAME</columns><filterScope>Mine</filterScope><filters><field>OPPORTUNITY.AMOUNT</field><operation>greaterThan</operation><value>1000</value></filters><label>Big deals</label></ListView>`,
    });
    const source = readSourceMetadata([dir]);
    expect(source.permissionSets).toEqual([
      { name: 'Reader', label: 'Reader', fields: [{ object: 'Opportunity', field: 'Amount__c', read: true, edit: false }], objects: [expect.objectContaining({ object: 'Opportunity', read: true, viewAll: true, modifyAll: false })], userPermissions: ['ViewAllData'] },
    ]);
    expect(source.listViews).toEqual([{ objectName: 'Opportunity', name: 'Big', label: 'Big deals', columns: ['OPPORTUNITY.NAME'], scope: 'Mine', filters: [{ field: 'OPPORTUNITY.AMOUNT', operation: 'greaterThan', value: '1000' }] }]);
  });

  it.each([
    ['not XML', 'objects/Opportunity/fields/A__c.field-meta.xml', '<CustomField><fullName>A__c', /not well-formed XML/],
    ['the wrong root', 'objects/Opportunity/fields/A__c.field-meta.xml', `<CustomObject ${NS}/>`, /expected a <CustomField> document/],
    ['no namespace', 'objects/Opportunity/fields/A__c.field-meta.xml', '<CustomField><fullName>A__c</fullName></CustomField>', /must declare xmlns/],
    ['no type', 'objects/Opportunity/fields/A__c.field-meta.xml', field('A__c', '<label>A</label>'), /needs a <type>/],
    ['an unserved type', 'objects/Opportunity/fields/A__c.field-meta.xml', field('A__c', '<label>A</label><type>EncryptedText</type>'), /field type EncryptedText is not served/],
    ['a name unlike its file', 'objects/Opportunity/fields/A__c.field-meta.xml', field('B__c', '<label>A</label><type>Date</type>'), /does not match the file name A__c/],
    ['text without length', 'objects/Opportunity/fields/A__c.field-meta.xml', field('A__c', '<label>A</label><type>Text</type>'), /needs a <length>/],
  ])('when a field file has %s, then reading fails naming the file', (_what, path, content, message) => {
    const dir = project({ [path]: content });
    expect(() => readSourceMetadata([dir])).toThrow(expect.objectContaining({ name: 'SetupError', message: expect.stringMatching(message) as unknown }));
    expect(() => readSourceMetadata([dir])).toThrow(/A__c\.field-meta\.xml/);
  });

  it('when two source folders define the same field, or a field targets an unknown object, then the org cannot start', () => {
    const a = project({ 'objects/Opportunity/fields/A__c.field-meta.xml': field('A__c', '<label>A</label><type>Date</type>') });
    expect(() => readSourceMetadata([a, a])).toThrow(/defines Opportunity\.A__c again/);
    const b = project({ 'objects/Case/fields/A__c.field-meta.xml': field('A__c', '<label>A</label><type>Date</type>') });
    expect(() => createOrgSchema(readSourceMetadata([b]))).toThrow(/custom field for unknown object Case/);
    expect(() => readSourceMetadata([join(a, 'nowhere')])).toThrow(/not a source directory/);
  });
});
