import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { bundledPlaybookPath, defaultPlaybook, loadPlaybookFile, parsePlaybook } from '../../../src/config/playbook-file.js';
import { ConfigError } from '../../../src/errors/config-error.js';
import type { PlaybookInput } from '../../../src/scoring/playbook.js';

const dir = mkdtempSync(join(tmpdir(), 'dealrisk-playbook-'));
type Yaml = PlaybookInput;
const defaultYaml = () => parse(readFileSync(bundledPlaybookPath(), 'utf8')) as Yaml;

function problemsOf(run: () => unknown): { key: string; problem: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('playbook file', () => {
  it('when the bundled playbook is loaded, then it has the documented defaults', () => {
    const pb = defaultPlaybook();
    expect(pb.stages.open.map((s) => s.name)).toEqual([
      'Prospecting',
      'Qualification',
      'Needs Analysis',
      'Value Proposition',
      'Id. Decision Makers',
      'Perception Analysis',
      'Proposal/Price Quote',
      'Negotiation/Review',
    ]);
    expect(Object.fromEntries(Object.entries(pb.signals).map(([code, s]) => [code, s.points]))).toEqual({
      LOSING_PATTERN: 35,
      STAGE_STALLED: 15,
      NO_MOBILIZER: 30,
      MOBILIZER_DISENGAGED: 10,
      PROFILES_MISSING: 10,
      BLOCKER_UNOPPOSED: 10,
      SINGLE_THREADED: 10,
      MISSING_VERIFIER: 10,
      CLOSE_DATE_PUSHED: 10,
      CLOSE_DATE_PASSED: 15,
      AMOUNT_LOWERED: 10,
      STAGE_REGRESSED: 10,
      NO_NEXT_MEETING: 10,
      NEXT_STEP_STALE: 5,
      UNKNOWN_STAGE: 0,
    });
    expect([pb.signals.LOSING_PATTERN.ratio, pb.signals.MISSING_VERIFIER.maxPoints, pb.benchmarks.minSample, pb.levels, pb.profiles.minProfiledShare]).toEqual([1.65, 30, 10, { high: 70, medium: 40 }, 0.5]);
    expect(Object.values(pb.signals).every((s) => s.enabled)).toBe(true);
  });

  it('when a copy is tweaked, then the next default is unaffected', () => {
    defaultPlaybook().signals.NO_MOBILIZER.points = 99;
    expect(defaultPlaybook().signals.NO_MOBILIZER.points).toBe(30);
  });

  // Each row breaks one thing in a copy of the default YAML; `as never` writes values the types forbid.
  it.each<[string, (y: Yaml) => void, string]>([
    ['a negative weight', (y) => (y.signals.NO_MOBILIZER.points = -5), 'signals.NO_MOBILIZER.points'],
    ['a misspelt key', (y) => (y.signals.NO_MOBILIZER = { pionts: 30 } as never), 'signals.NO_MOBILIZER'],
    ['a bad regex', (y) => (y.customerActivity[1]!.subjectPattern = '^re:(('), 'customerActivity.1.subjectPattern'],
    ['an unknown verifier kind', (y) => (y.stages.open[1]!.verifiers![0]!.kind = 'vibes' as never), 'stages.open.1.verifiers.0.kind'],
    ['oneOf without values', (y) => delete (y.stages.open[7]!.verifiers![0] as { values?: string[] }).values, 'stages.open.7.verifiers.0.values'],
    ['a duplicated stage', (y) => y.stages.lost.push('Prospecting'), 'stages.lost.1'],
    ['losing below stalled', (y) => (y.signals.LOSING_PATTERN.ratio = 0.5), 'signals.LOSING_PATTERN.ratio'],
    ['losing worth less than stalled', (y) => (y.signals.LOSING_PATTERN.points = 10), 'signals.LOSING_PATTERN.points'],
    ['no Mobilizer disabled while disengaged counts', (y) => (y.signals.NO_MOBILIZER.enabled = false), 'signals.NO_MOBILIZER.points'],
    ['levels upside down', (y) => (y.levels = { high: 30, medium: 60 }), 'levels.high'],
    ['a missing minSample', (y) => delete (y.benchmarks as { minSample?: number }).minSample, 'benchmarks.minSample'],
  ])('when the playbook has %s, then ConfigError names the key path', (_, mutate, key) => {
    const yaml = defaultYaml();
    mutate(yaml);
    const file = join(dir, `bad-${key}.yaml`);
    writeFileSync(file, stringify(yaml));
    const problems = problemsOf(() => loadPlaybookFile(file));
    expect(problems.map((p) => p.key)).toContain(key);
    expect(problems.every((p) => p.problem.endsWith(`(in ${file})`))).toBe(true);
  });

  it('when the file is not YAML, then ConfigError says where', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'version: 1\nstages: [\n');
    expect(problemsOf(() => loadPlaybookFile(file))[0]?.problem).toMatch(/is not valid YAML at line \d+/);
  });

  it('when the file does not exist, then ConfigError names DEALRISK_PLAYBOOK', () => {
    expect(problemsOf(() => loadPlaybookFile(join(dir, 'nope.yaml')))).toEqual([
      { key: 'DEALRISK_PLAYBOOK', problem: `cannot read the playbook file ${join(dir, 'nope.yaml')} (ENOENT)` },
    ]);
  });

  it('when the data is not an object at all, then the root is named', () => {
    expect(problemsOf(() => parsePlaybook('hello')).map((p) => p.key)).toEqual(['(root)']);
  });
});
