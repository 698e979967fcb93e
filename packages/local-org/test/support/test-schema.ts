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
