import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSourceMetadata } from '../../src/metadata/index.js';
import type { OrgSchema } from '../../src/model.js';
import { createOrgSchema } from '../../src/schema/index.js';

/** The SFDX source the tests' orgs and stores are built from (test/fixtures/metadata). */
export const TEST_SOURCE_DIR = fileURLToPath(new URL('../fixtures/metadata', import.meta.url));

/** The schema of {@link TEST_SOURCE_DIR}: the standard objects plus the risk fields the tests write. */
export function testSchema(): OrgSchema {
  return createOrgSchema(readSourceMetadata([TEST_SOURCE_DIR]));
}

/** A source folder with one custom field (`body`: the CustomField's elements after fullName). */
export function sourceWithField(objectName: string, fieldName: string, body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'source-'));
  mkdirSync(join(dir, 'objects', objectName, 'fields'), { recursive: true });
  writeFileSync(
    join(dir, 'objects', objectName, 'fields', `${fieldName}.field-meta.xml`),
    `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>${fieldName}</fullName>${body}</CustomField>\n`,
  );
  return dir;
}
