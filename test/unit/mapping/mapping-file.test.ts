import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { bundledPlaybookPath, defaultPlaybook } from '../../../src/config/playbook-file.js';
import { applyMapping } from '../../../src/mapping/apply-mapping.js';
import { bundledMappingPath, defaultMapping, loadMappingFile, parseMapping, writeDefaultMapping } from '../../../src/mapping/mapping-file.js';
import { isApiName } from '../../../src/mapping/names.js';

const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

/** The shipped mapping as plain data, to break in tests. */
interface MappingData {
  outputs: Record<string, unknown>;
  tasks: Record<string, unknown>;
  inputs: { stages: Record<string, unknown>; verifiers: Record<string, unknown>; stakeholderProfile: unknown; customerActivity?: unknown };
}
const raw = () => parseYaml(readFileSync(bundledMappingPath(), 'utf8')) as MappingData;
const problemsOf = (data: unknown) => {
  try {
    parseMapping(data, 'test.yaml');
  } catch (error) {
    return (error as { problems: { key: string; problem: string }[] }).problems;
  }
  throw new Error('expected the mapping to be refused');
};

describe('the mapping file', () => {
  it('when the shipped default is loaded, then it names the default fields and agrees with the playbook', () => {
    const mapping = defaultMapping();
    expect(mapping.outputs.score).toBe('Deal_Risk_Score__c');
    expect(mapping.inputs.stakeholderProfile.field).toBe('Stakeholder_Profile__c');
    // Applying the default to the default playbook changes nothing the playbook already says.
    const playbook = defaultPlaybook();
    expect(applyMapping(playbook, mapping)).toEqual(playbook);
    expect(bundledPlaybookPath()).toMatch(/playbook\.yaml$/);
  });

  it.each([
    ['Deal_Risk_Score__c', true],
    ['ns__Deal_Risk_Score__c', true],
    ['NextStep', true],
    ['Account__r', true],
    ['Deal Risk', false],
    ['Deal_Risk_Score__c FROM User --', false],
    ['Score__c,Name', false],
    ['Bad__Name__c', true],
    ['double__underscore_', false],
    ['_leading', false],
    ['1digit__c', false],
    ['a'.repeat(61), false],
  ])('when %j is checked, then isApiName says %s', (name, ok) => {
    expect(isApiName(name)).toBe(ok);
  });

  it('when a name is injected, then the mapping is refused at the path of the bad key', () => {
    const data = raw();
    data.outputs.score = 'Deal_Risk_Score__c FROM User --';
    (data.inputs.stakeholderProfile as Record<string, unknown>).field = "Name) FROM Contact WHERE Name = 'x";
    const problems = problemsOf(data);
    expect(problems).toEqual([
      { key: 'outputs.score', problem: matching(/^'Deal_Risk_Score__c FROM User --' is not a Salesforce API name.*\(in test\.yaml\)$/) },
      { key: 'inputs.stakeholderProfile.field', problem: matching(/is not a Salesforce API name/) },
    ]);
  });

  it('when several keys are wrong, then every problem is named at its path', () => {
    const data = raw();
    data.outputs.level = 'Deal Risk';
    data.outputs.bonus = 'Bonus__c';
    data.tasks.owner = 'someone';
    data.tasks.recordTypeId = '005000000000001AAA';
    data.inputs.verifiers.FIRST_MEETING = {};
    delete data.inputs.customerActivity;
    const keys = problemsOf(data).map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining(['outputs.level', 'outputs', 'tasks.owner', 'tasks.recordTypeId', 'inputs.verifiers.FIRST_MEETING', 'inputs.customerActivity']),
    );
    expect(problemsOf(data).find((p) => p.key === 'outputs')!.problem).toMatch(/bonus/);
  });

  it('when an output is switched off, then false is accepted', () => {
    const data = raw();
    data.outputs.mobilizerCount = false;
    expect(parseMapping(data).outputs.mobilizerCount).toBe(false);
  });

  it('when the file is missing or not YAML, then the problem names the setting or the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapping-'));
    expect(() => loadMappingFile(join(dir, 'none.yaml'))).toThrow(/DEALRISK_MAPPING: cannot read the mapping file .*none\.yaml \(ENOENT\); 'dealrisk mapping init'/);
    writeFileSync(join(dir, 'bad.yaml'), 'outputs: [\n');
    expect(() => loadMappingFile(join(dir, 'bad.yaml'))).toThrow(/bad\.yaml is not valid YAML at line/);
  });

  it('when init writes the default, then it refuses to overwrite without force', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mapping-')), 'mapping.yaml');
    expect(writeDefaultMapping(path, false)).toBe(true);
    writeFileSync(path, 'version: 1\n');
    expect(writeDefaultMapping(path, false)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('version: 1\n');
    expect(writeDefaultMapping(path, true)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(bundledMappingPath(), 'utf8'));
  });
});

describe('applying a mapping to the playbook', () => {
  it("when stages, fields, roles and types are renamed, then the playbook reads the org's names", () => {
    const data = raw();
    data.inputs.stages = { Prospecting: 'Lead In', 'Closed Won': 'Won', 'Closed Lost': 'Lost' };
    data.inputs.verifiers.SUCCESS_CRITERIA_AGREED = { field: 'Criteria_OK__c' };
    data.inputs.verifiers.PROCUREMENT_STARTED = { field: 'Contract_Stage__c', values: ['Signed'] };
    data.inputs.verifiers.ECONOMIC_BUYER_IDENTIFIED = { roles: ['Buyer'] };
    data.inputs.verifiers.FIRST_MEETING = { types: ['Call'] };
    data.inputs.stakeholderProfile = { field: 'Persona__c', mobilizer: ['Champion'], talker: [], blocker: ['Detractor'] };
    data.inputs.customerActivity = { Task: [], Event: ['Meeting', 'Demo'] };
    const playbook = applyMapping(defaultPlaybook(), parseMapping(data));
    expect(playbook.stages.open[0]!.name).toBe('Lead In');
    expect(playbook.stages.won).toEqual(['Won']);
    expect(playbook.stages.lost).toEqual(['Lost']);
    const verifiers = playbook.stages.open.flatMap((s) => s.verifiers);
    expect(verifiers.find((v) => v.code === 'SUCCESS_CRITERIA_AGREED')).toMatchObject({ field: 'Criteria_OK__c' });
    expect(verifiers.find((v) => v.code === 'PROCUREMENT_STARTED')).toMatchObject({ field: 'Contract_Stage__c', values: ['Signed'] });
    expect(verifiers.find((v) => v.code === 'ECONOMIC_BUYER_IDENTIFIED')).toMatchObject({ roles: ['Buyer'] });
    expect(verifiers.find((v) => v.code === 'FIRST_MEETING')).toMatchObject({ match: { activityKind: 'Event', types: ['Call'] } });
    expect(playbook.profiles).toEqual({ minProfiledShare: 0.5, mobilizer: ['Champion'], talker: [], blocker: ['Detractor'] });
    expect(playbook.customerActivity).toEqual([{ activityKind: 'Event', types: ['Meeting', 'Demo'] }]);
  });

  it('when the mapping names what the playbook does not have, then each problem names its mapping path', () => {
    const data = raw();
    data.inputs.stages.Negotiation = 'Negotiation';
    data.inputs.verifiers.NO_SUCH = { field: 'X__c' };
    data.inputs.verifiers.FIRST_MEETING = { field: 'Met__c' };
    data.inputs.verifiers.BUSINESS_CASE_CONFIRMED = { field: 'Case__c', values: ['Yes'] };
    expect(() => applyMapping(defaultPlaybook(), parseMapping(data))).toThrow(
      expect.objectContaining({
        problems: [
          { key: 'inputs.stages.Negotiation', problem: matching(/the playbook has no stage 'Negotiation'/) },
          { key: 'inputs.verifiers.NO_SUCH', problem: matching(/the playbook has no verifier NO_SUCH/) },
          { key: 'inputs.verifiers.FIRST_MEETING.field', problem: matching(/activity verifier: it takes types/) },
          { key: 'inputs.verifiers.BUSINESS_CASE_CONFIRMED.values', problem: matching(/met by any value/) },
        ],
      }),
    );
  });

  it('when two stages are mapped to one org stage, then the mapping is refused under inputs.stages', () => {
    const data = raw();
    data.inputs.stages.Qualification = 'Prospecting';
    expect(() => applyMapping(defaultPlaybook(), parseMapping(data))).toThrow(/inputs\.stages: with the mapped names: stage 'Prospecting' is listed twice/);
  });
});
