import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalOrg } from '@dealrisk/local-org';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledMappingPath } from '../../src/mapping/mapping-file.js';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { runCli, startCli } from '../support/cli.js';
import { salesforceEnv, startTestOrg } from '../support/local-org.js';
import { restrictedDemoDataset, SourceVariant } from '../support/org-variants.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';

let org: LocalOrg | undefined;
const redis = new RedisFixture();
const running: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await org?.stop();
  org = undefined;
  await redis.cleanup();
});

function envFor(started: LocalOrg, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: redisUrl(),
    DEALRISK_QUEUE_PREFIX: uniqueQueueName('mapping'),
    ...salesforceEnv(started),
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

interface Row {
  item: string;
  role: string;
  status: string;
  action: string;
}

/** The rows of the check's table. */
function rowsOf(stdout: string): Row[] {
  return stdout.split('\n').flatMap((line) => {
    const match = /^(\S.*?)\s{2,}(\S+)\s{2,}(OK|WARN|FAIL)\s{2,}(.*)$/.exec(line);
    return match ? [{ item: match[1]!, role: match[2]!, status: match[3]!, action: match[4]! }] : [];
  });
}

const failures = (rows: Row[]) => rows.filter((r) => r.status === 'FAIL');

describe('dealrisk mapping check', () => {
  it('when the integration user has only the shipped permission set, then every row is OK and the check exits 0', async () => {
    org = await startTestOrg({ dataset: restrictedDemoDataset() });
    const { code, stdout, stderr } = await runCli(['mapping', 'check'], envFor(org), undefined, 60_000);
    expect(stderr).toBe('');
    const rows = rowsOf(stdout);
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.filter((r) => r.status !== 'OK')).toEqual([]);
    expect(rows).toContainEqual(expect.objectContaining({ item: 'read every Opportunity', status: 'OK', action: 'yes (View All on Opportunity)' }));
    expect(rows).toContainEqual(expect.objectContaining({ item: 'history of Opportunity.Deal_Risk_Level__c', status: 'OK', action: 'tracked' }));
    expect(rows).toContainEqual(expect.objectContaining({ item: 'Opportunity.Deal_Risk_Score__c', role: 'outputs.score', status: 'OK' }));
    expect(stdout).toMatch(/The mapping fits/);
    expect(code).toBe(0);
  }, 90_000);

  // Each org differs from the default in one way; the check names exactly that, and a sync refuses to start.
  const variants: [string, () => SourceVariant | undefined, (dataset: ReturnType<typeof restrictedDemoDataset>) => void, string[]][] = [
    ['lacks the mobilizer count field', () => new SourceVariant().removeField('Opportunity', 'Mobilizer_Count__c'), () => {}, ['Opportunity.Mobilizer_Count__c']],
    [
      'has the level as a plain number',
      () =>
        new SourceVariant()
          .edit('objects/Opportunity/fields/Deal_Risk_Level__c.field-meta.xml', /<type>Picklist<\/type>[\s\S]*<\/valueSet>/, '<type>Number</type><precision>3</precision><scale>0</scale>'),
      () => {},
      ['Opportunity.Deal_Risk_Level__c'],
    ],
    [
      'makes the score read-only',
      () =>
        new SourceVariant().edit(
          'permissionsets/Deal_Risk_Integration.permissionset-meta.xml',
          /<editable>true<\/editable>(\s*<field>Opportunity\.Deal_Risk_Score__c<\/field>)/,
          '<editable>false</editable>$1',
        ),
      () => {},
      ['Opportunity.Deal_Risk_Score__c'],
    ],
    ['hides the profile field from the integration user', () => new SourceVariant().revokeEverywhere('Contact.Stakeholder_Profile__c'), () => {}, ['Contact.Stakeholder_Profile__c']],
    [
      'withholds View All',
      () =>
        new SourceVariant().edit(
          'permissionsets/Deal_Risk_Integration.permissionset-meta.xml',
          /<allowDelete>true<\/allowDelete>([\s\S]*?)<modifyAllRecords>true<\/modifyAllRecords>(\s*<object>Opportunity<\/object>\s*)<viewAllRecords>true<\/viewAllRecords>/,
          '<allowDelete>false</allowDelete>$1<modifyAllRecords>false</modifyAllRecords>$2<viewAllRecords>false</viewAllRecords>',
        ),
      (dataset) => {
        // The integration user owns one deal: it sees that one, not the others.
        const [first] = dataset.records.Opportunity!;
        first!.OwnerId = dataset.records.User![0]!.Id;
      },
      ['read every Opportunity', 'edit every Opportunity'],
    ],
  ];

  it.each(variants)('when the org %s, then that problem is on its own row, the check exits 1 and a sync run refuses to start', async (_what, source, adjust, failing) => {
    const dataset = restrictedDemoDataset();
    adjust(dataset);
    const variant = source();
    org = await startTestOrg({ dataset, ...(variant ? { sourceDirs: [variant.dir] } : {}) });
    const env = envFor(org);
    const check = await runCli(['mapping', 'check'], env, undefined, 60_000);
    expect(failures(rowsOf(check.stdout)).map((r) => r.item)).toEqual(failing);
    expect(check.code).toBe(1);

    // The run's plan checks the mapping (one place, once per run): the run refuses to start.
    redis.syncQueues(env.DEALRISK_QUEUE_PREFIX!);
    running.push(startCli(['worker'], env));
    const sync = await runCli(['sync', '--timeout', '60'], env, undefined, 90_000);
    expect(sync.code).toBe(1);
    expect(sync.stdout).toBe('');
    expect(sync.stderr).toMatch(new RegExp(`^dealrisk: .*the mapping does not fit the org \\(${failing[0]!.replace(/\./g, '\\.')}: .*run 'dealrisk mapping check' for the full table( \\(LOG_LEVEL=debug[^)]*\\))?\n$`));
    // Nothing was written: the run never got past its plan.
    expect([...org.store.rows('Opportunity')].filter((o) => o.Deal_Risk_Score__c !== null)).toEqual([]);
  }, 120_000);

  it("when only the worker has Salesforce settings, then the worker's run refuses the failing mapping and sync says so in one line", async () => {
    const variant = new SourceVariant().removeField('Opportunity', 'Mobilizer_Count__c');
    org = await startTestOrg({ dataset: restrictedDemoDataset(), sourceDirs: [variant.dir] });
    const env = envFor(org);
    redis.syncQueues(env.DEALRISK_QUEUE_PREFIX!);
    running.push(startCli(['worker'], env));
    const sync = await runCli(['sync', '--wait', '--timeout', '60'], { ...env, SF_AUTH_FLOW: '' }, undefined, 90_000);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(/^dealrisk: .*the mapping does not fit the org \(Opportunity\.Mobilizer_Count__c: .*run 'dealrisk mapping check' for the full table( \(LOG_LEVEL=debug[^)]*\))?\n$/);
    expect([...org.store.rows('Opportunity')].filter((o) => o.Deal_Risk_Score__c !== null)).toEqual([]);
  }, 120_000);

  it('when the mapping holds an injected name, then it is refused at its path before any call to Salesforce', async () => {
    org = await startTestOrg({ dataset: restrictedDemoDataset() });
    const path = join(mkdtempSync(join(tmpdir(), 'mapping-')), 'mapping.yaml');
    writeFileSync(path, readFileSync(bundledMappingPath(), 'utf8').replace('score: Deal_Risk_Score__c ', 'score: "Deal_Risk_Score__c FROM User --" '));
    const before = org.apiUsage().used;
    for (const command of [['mapping', 'check'], ['sync']]) {
      const { code, stdout, stderr } = await runCli(command, envFor(org, { DEALRISK_MAPPING: path }), undefined, 60_000);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^Invalid configuration:\n {2}outputs\.score: 'Deal_Risk_Score__c FROM User --' is not a Salesforce API name/);
      expect(code).toBe(2);
    }
    expect(org.apiUsage().used).toBe(before);
  }, 90_000);

  it('when init is asked twice, then it writes the default once and refuses to overwrite it without --force', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mapping-')), 'mapping.yaml');
    expect((await runCli(['mapping', 'init'], { DEALRISK_MAPPING: path })).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(bundledMappingPath(), 'utf8'));
    writeFileSync(path, '# mine\n');
    const again = await runCli(['mapping', 'init'], { DEALRISK_MAPPING: path });
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/already exists; pass --force/) as unknown });
    expect(readFileSync(path, 'utf8')).toBe('# mine\n');
    expect((await runCli(['mapping', 'init', '--force'], { DEALRISK_MAPPING: path })).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(bundledMappingPath(), 'utf8'));
  }, 60_000);
});
