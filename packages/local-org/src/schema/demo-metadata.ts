/**
 * The package's own source metadata (metadata/demo): the custom fields its demo dataset fills,
 * used when the org is started without source directories.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SetupError } from '../errors/setup-error.js';
import type { OrgSchema } from '../model.js';

/** Custom fields the demo dataset writes, by object. */
export const DEMO_DATASET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Contact: ['Stakeholder_Profile__c'],
  Opportunity: ['Success_Criteria_Agreed__c', 'Business_Case_Confirmed_Date__c', 'Proposal_Reviewed_Date__c', 'Procurement_Status__c'],
};

/** metadata/demo of this package, found upward from this module (works from src/ and dist/). */
export function bundledDemoMetadataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'metadata', 'demo');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`metadata/demo not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The demo dataset needs its fields: name the missing ones rather than fail on the first record. */
export function requireDemoFields(schema: OrgSchema, sourceDirs: readonly string[] | undefined): void {
  const missing = Object.entries(DEMO_DATASET_FIELDS).flatMap(([object, fields]) => fields.filter((f) => !schema.field(object, f)).map((f) => `${object}.${f}`));
  if (missing.length === 0) return;
  throw new SetupError([
    {
      key: sourceDirs ? `source directories ${sourceDirs.join(', ')}` : 'source directories',
      problem: `the demo dataset fills ${missing.join(', ')}, which the source does not define (the package's metadata/demo does)`,
    },
  ]);
}
