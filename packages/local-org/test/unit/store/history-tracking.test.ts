import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeId } from '../../../src/ids.js';
import { readSourceMetadata } from '../../../src/metadata/index.js';
import { createOrgSchema } from '../../../src/schema/index.js';
import { createManualClock, createRecordStore } from '../../../src/store/index.js';
import { TEST_SOURCE_DIR } from '../../support/test-schema.js';

/** The test source with history tracking turned on for Deal_Risk_Score__c. */
function trackedScoreSchema() {
  const dir = mkdtempSync(join(tmpdir(), 'tracked-'));
  cpSync(TEST_SOURCE_DIR, dir, { recursive: true });
  const file = join(dir, 'objects/Opportunity/fields/Deal_Risk_Score__c.field-meta.xml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('<trackHistory>false</trackHistory>', '<trackHistory>true</trackHistory>'));
  return createOrgSchema(readSourceMetadata([dir]));
}

describe('field history tracking from source metadata', () => {
  it('when a field the source tracks changes, then a field history row records it, and describe lists it as tracked', () => {
    const schema = trackedScoreSchema();
    expect(schema.field('OpportunityFieldHistory', 'Field')!.picklistValues).toEqual(['created', 'StageName', 'Amount', 'CloseDate', 'Deal_Risk_Score__c']);
    const store = createRecordStore(schema, createManualClock(new Date('2026-03-31T12:00:00Z')));
    const user = makeId('005', 1);
    store.loadDataset({ records: { User: [{ Id: user, Username: 'a@b.c', LastName: 'A', Email: 'a@b.c', Alias: 'a', TimeZoneSidKey: 'GMT', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US' }] } });
    const { id } = store.create('Opportunity', { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-06-30' }, user);
    store.update('Opportunity', id!, { Deal_Risk_Score__c: 40, NextStep: 'Call' }, user);
    store.update('Opportunity', id!, { Deal_Risk_Score__c: 75 }, user);
    const rows = [...store.rows('OpportunityFieldHistory')].filter((r) => r.Field === 'Deal_Risk_Score__c');
    expect(rows.map((r) => [r.OldValue, r.NewValue, r.DataType])).toEqual([
      [null, 40, 'Double'],
      [40, 75, 'Double'],
    ]);
    expect([...store.rows('OpportunityFieldHistory')].some((r) => r.Field === 'NextStep')).toBe(false);
  });

  it('when the source tracks nothing, then only the standard tracked fields are listed', () => {
    expect(createOrgSchema(readSourceMetadata([TEST_SOURCE_DIR])).field('OpportunityFieldHistory', 'Field')!.picklistValues).toEqual(['created', 'StageName', 'Amount', 'CloseDate']);
  });
});
