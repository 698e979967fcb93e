/**
 * The SFDX source admins deploy (config/salesforce), the mapping and the local org agree: every
 * file is well-formed metadata the local org reads, every mapped name is defined with the type
 * and permissions a sync needs, and a check against an org built from the source passes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSourceMetadata } from '@dealrisk/local-org';
import { describe, expect, it } from 'vitest';
import { bundledSalesforceSourceDir } from '../../src/config/bundled.js';
import { defaultPlaybook } from '../../src/config/playbook-file.js';
import { envSchema } from '../../src/config/schema.js';
import { applyMapping } from '../../src/mapping/apply-mapping.js';
import { failing } from '../../src/mapping/check/check-row.js';
import { checkMapping } from '../../src/mapping/check/check-mapping.js';
import { defaultMapping } from '../../src/mapping/mapping-file.js';
import { enabledOutputs } from '../../src/mapping/mapping-schema.js';
import { connectSalesforce } from '../../src/salesforce/connect.js';
import { JsforceOrgMetadata } from '../../src/salesforce/org-metadata.js';
import { salesforceSettings, startTestOrg, TEST_API_VERSION } from '../support/local-org.js';
import { restrictedDemoDataset } from '../support/org-variants.js';

const root = bundledSalesforceSourceDir();
const source = readSourceMetadata([root]);
const mapping = defaultMapping();

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

const fieldOf = (object: string, name: string) => source.fields.find((f) => f.objectName === object && f.def.name === name);
const grants = (set: string) => source.permissionSets.find((s) => s.name === set)!.fields;

describe('config/salesforce', () => {
  it('when every file is read, then each is metadata the local org understands and none is skipped', () => {
    const metadataFiles = files(root).filter((path) => path.endsWith('-meta.xml'));
    const components = source.objects.length + source.fields.length + source.standardFields.length + source.permissionSets.length + source.listViews.length;
    expect(metadataFiles.length).toBe(components);
    for (const path of metadataFiles) {
      const text = readFileSync(path, 'utf8');
      expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'), relative(root, path)).toBe(true);
    }
    const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as { packageDirectories: { path: string }[]; sourceApiVersion: string };
    expect(project.packageDirectories.map((d) => d.path)).toEqual(['force-app']);
    expect(project.sourceApiVersion).toBe(envSchema.parse({}).SF_API_VERSION);
  });

  it('when a rep opens a deal, then every dealrisk field explains itself in help text', () => {
    for (const { objectName, def } of source.fields) {
      expect(def.inlineHelpText, `${objectName}.${def.name}`).toMatch(/\w.{30,}/);
      expect(def.inlineHelpText!.length, `${objectName}.${def.name}`).toBeLessThanOrEqual(510);
    }
  });

  it('when the mapping is compared with the metadata, then every mapped name is defined and permissioned as a sync needs it', () => {
    for (const [role, name] of enabledOutputs(mapping)) {
      expect(fieldOf('Opportunity', name), `outputs.${role}`).toBeDefined();
      expect(grants('Deal_Risk_Integration'), `outputs.${role}`).toContainEqual({ object: 'Opportunity', field: name, read: true, edit: true });
      expect(grants('Deal_Risk_Rep'), `outputs.${role}`).toContainEqual(expect.objectContaining({ object: 'Opportunity', field: name, read: true }));
    }
    expect(fieldOf('Opportunity', mapping.outputs.level as string)!.def.picklistValues).toEqual(expect.arrayContaining(Object.values(mapping.outputs.levelValues)));
    expect(fieldOf('Activity', mapping.tasks.keyField)!.def).toMatchObject({ externalId: true, type: 'string' });
    expect(grants('Deal_Risk_Integration')).toContainEqual({ object: 'Activity', field: mapping.tasks.keyField, read: true, edit: true });
    const profile = mapping.inputs.stakeholderProfile;
    expect(fieldOf('Contact', profile.field)!.def.picklistValues).toEqual([...profile.mobilizer, ...profile.talker, ...profile.blocker]);
    const playbook = applyMapping(defaultPlaybook(), mapping);
    const inputFields = [
      ['Contact', profile.field],
      ...playbook.stages.open.flatMap((s) => s.verifiers.flatMap((v) => (v.kind === 'field' ? [['Opportunity', v.field]] : []))),
    ] as [string, string][];
    for (const [object, name] of inputFields) {
      expect(fieldOf(object, name), `${object}.${name}`).toBeDefined();
      expect(grants('Deal_Risk_Integration'), `${object}.${name}`).toContainEqual({ object, field: name, read: true, edit: false });
    }
    // Salesforce keeps the trend of score and level itself.
    expect(source.objects.find((o) => o.name === 'Opportunity')).toMatchObject({ enableHistory: true });
    for (const role of ['score', 'level'] as const) expect(fieldOf('Opportunity', mapping.outputs[role] as string)!.trackHistory).toBe(true);
    // The list views filter on the mapped level.
    expect(source.listViews.map((v) => [v.label, v.scope, v.filters])).toEqual([
      ['At-risk deals', 'Everything', [{ field: mapping.outputs.level, operation: 'equals', value: mapping.outputs.levelValues.High }]],
      ['My at-risk deals', 'Mine', [{ field: mapping.outputs.level, operation: 'equals', value: mapping.outputs.levelValues.High }]],
    ]);
  });

  it("when the local org's own demo metadata is compared, then its fields are dealrisk's, file for file", () => {
    const demo = fileURLToPath(new URL('../../packages/local-org/metadata/demo', import.meta.url));
    for (const path of files(demo)) {
      const shipped = join(root, 'force-app/main/default', relative(demo, path));
      expect(readFileSync(path, 'utf8'), relative(demo, path)).toBe(readFileSync(shipped, 'utf8'));
    }
  });

  it('when the mapping is checked against a local org built from the source, then nothing would fail a sync', async () => {
    const org = await startTestOrg({ dataset: restrictedDemoDataset() });
    try {
      const conn = await connectSalesforce(salesforceSettings(org, 'client_credentials'));
      const rows = await checkMapping(new JsforceOrgMetadata(conn), mapping, applyMapping(defaultPlaybook(), mapping), TEST_API_VERSION);
      expect(failing(rows)).toEqual([]);
      expect(rows.length).toBeGreaterThan(40);
    } finally {
      await org.stop();
    }
  });
});
