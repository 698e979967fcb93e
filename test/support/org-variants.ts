/**
 * Orgs unlike the default, for `mapping check` and end-to-end tests: a copy of dealrisk's
 * config/salesforce with edits (a field removed, retyped, renamed, a permission changed), and
 * the demo dataset with the integration user restricted to the shipped permission set.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInProfileId, generateDemoDataset, sourcePermissionSetId, type DatasetFile } from '@dealrisk/local-org';
import { bundledSalesforceSourceDir } from '../../src/config/bundled.js';

const DEFAULT = 'force-app/main/default';

/** A source folder: a copy of config/salesforce to edit. */
export class SourceVariant {
  readonly dir = mkdtempSync(join(tmpdir(), 'dealrisk-source-'));

  constructor() {
    cpSync(bundledSalesforceSourceDir(), this.dir, { recursive: true });
  }

  private path(relative: string): string {
    return join(this.dir, DEFAULT, relative);
  }

  /** Replaces text in one file below force-app/main/default. */
  edit(relative: string, from: string | RegExp, to: string): this {
    const text = readFileSync(this.path(relative), 'utf8');
    const next = text.replace(from, to);
    if (next === text) throw new Error(`${relative}: nothing to replace for ${String(from)}`);
    writeFileSync(this.path(relative), next);
    return this;
  }

  /** Removes a field and every permission granting it. */
  removeField(objectName: string, field: string): this {
    rmSync(this.path(`objects/${objectName}/fields/${field}.field-meta.xml`));
    return this.revokeEverywhere(`${objectName}.${field}`);
  }

  /** Removes a field's fieldPermissions from every permission set. */
  revokeEverywhere(objectField: string): this {
    for (const file of readdirSync(this.path('permissionsets'))) {
      const path = this.path(`permissionsets/${file}`);
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.replace(new RegExp(`\\s*<fieldPermissions>\\s*<editable>\\w+</editable>\\s*<field>${objectField.replace('.', '\\.')}</field>\\s*<readable>\\w+</readable>\\s*</fieldPermissions>`), ''));
    }
    return this;
  }

  /** Renames API names in every file's content and name (e.g. Deal_Risk_ → Risk_). */
  rename(from: string, to: string): this {
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else writeFileSync(path, readFileSync(path, 'utf8').split(from).join(to));
        if (name.includes(from)) renameSync(path, join(dir, name.split(from).join(to)));
      }
    };
    walk(join(this.dir, DEFAULT));
    return this;
  }
}

/** A fixed "today" for repeatable data. */
export const VARIANT_AS_OF = new Date('2026-03-31T12:00:00.000Z');

/**
 * The demo dataset (40 opportunities) whose integration user has the Minimum Access - API Only
 * Integrations profile and only the source's first permission set (Deal_Risk_Integration), as
 * Salesforce recommends integration users are set up.
 */
export function restrictedDemoDataset(options: { stages?: Record<string, string> } = {}): DatasetFile {
  const dataset = generateDemoDataset({ opportunities: 40, seed: 7, asOf: VARIANT_AS_OF });
  const [integration, ...others] = dataset.records.User ?? [];
  const records = { ...dataset.records };
  records.User = [{ ...integration, ProfileId: builtInProfileId('Minimum Access - API Only Integrations') }, ...others];
  records.PermissionSetAssignment = [{ AssigneeId: integration!.Id, PermissionSetId: sourcePermissionSetId(1) }];
  if (options.stages) renameStages(records, options.stages);
  return { ...dataset, records };
}

/** Renames stages everywhere a dataset names them (the stage rows, deals, history). */
function renameStages(records: DatasetFile['records'], stages: Record<string, string>): void {
  const rename = (value: unknown) => (typeof value === 'string' && stages[value] ? stages[value] : value);
  records.OpportunityStage = (records.OpportunityStage ?? []).map((s) => ({ ...s, MasterLabel: rename(s.MasterLabel), ApiName: rename(s.ApiName) }));
  records.Opportunity = (records.Opportunity ?? []).map((o) => ({ ...o, StageName: rename(o.StageName) }));
  records.OpportunityHistory = (records.OpportunityHistory ?? []).map((h) => ({ ...h, StageName: rename(h.StageName) }));
  records.OpportunityFieldHistory = (records.OpportunityFieldHistory ?? []).map((h) =>
    h.Field === 'StageName' ? { ...h, OldValue: rename(h.OldValue), NewValue: rename(h.NewValue) } : h,
  );
}
