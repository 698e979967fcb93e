import { ConfigError, type ConfigProblem } from '../errors/config-error.js';
import { playbookSchema, type ActivityMatcher, type Playbook, type Verifier } from '../scoring/index.js';
import type { Mapping } from './mapping-schema.js';

type VerifierInput = Mapping['inputs']['verifiers'][string];

/** Which mapping keys a verifier of each kind may take. */
const KIND_NAMES: Record<Verifier['kind'], string> = { field: 'a field', contactRole: 'a contact-role', activity: 'an activity' };

const KEYS_BY_KIND: Record<Verifier['kind'], readonly (keyof VerifierInput)[]> = {
  field: ['field', 'values'],
  contactRole: ['roles'],
  activity: ['types'],
};

function mappedVerifier(verifier: Verifier, input: VerifierInput | undefined, path: string, problems: ConfigProblem[]): Verifier {
  if (!input) return verifier;
  for (const key of Object.keys(input) as (keyof VerifierInput)[]) {
    if (!KEYS_BY_KIND[verifier.kind].includes(key)) {
      problems.push({ key: `${path}.${key}`, problem: `verifier ${verifier.code} is ${KIND_NAMES[verifier.kind]} verifier: it takes ${KEYS_BY_KIND[verifier.kind].join(' and ')}` });
    }
  }
  if (verifier.kind === 'field') {
    if (input.values && verifier.when !== 'oneOf') problems.push({ key: `${path}.values`, problem: `verifier ${verifier.code} is met by any value (when: ${verifier.when}), not by a list` });
    return { ...verifier, ...(input.field ? { field: input.field } : {}), ...(input.values && verifier.when === 'oneOf' ? { values: input.values } : {}) };
  }
  if (verifier.kind === 'contactRole') return input.roles ? { ...verifier, roles: input.roles } : verifier;
  return input.types ? { ...verifier, match: { ...verifier.match, types: input.types } } : verifier;
}

function mappedActivity(matchers: readonly ActivityMatcher[], types: Mapping['inputs']['customerActivity']): ActivityMatcher[] {
  return matchers.flatMap((matcher) => {
    const mapped = matcher.activityKind ? types[matcher.activityKind] : [...types.Task, ...types.Event];
    return mapped.length === 0 ? [] : [{ ...matcher, types: mapped }];
  });
}

/**
 * The playbook with the org's names from the mapping: stage names, the fields, values, contact
 * roles and activity types each verifier reads, the stakeholder profile values, which activity
 * counts as the customer's, and whether cleared signals complete their Task. Everything else
 * (numbers, signals, thresholds) stays the playbook's. Problems name their mapping path.
 */
export function applyMapping(playbook: Playbook, mapping: Mapping): Playbook {
  const problems: ConfigProblem[] = [];
  const { stages, verifiers, stakeholderProfile, customerActivity } = mapping.inputs;
  const stageNames = new Set([...playbook.stages.open.map((s) => s.name), ...playbook.stages.won, ...playbook.stages.lost]);
  for (const name of Object.keys(stages)) {
    if (!stageNames.has(name)) problems.push({ key: `inputs.stages.${name}`, problem: `the playbook has no stage '${name}' (its stages: ${[...stageNames].join(', ')})` });
  }
  const codes = new Set(playbook.stages.open.flatMap((s) => s.verifiers.map((v) => v.code)));
  for (const code of Object.keys(verifiers)) {
    if (!codes.has(code)) problems.push({ key: `inputs.verifiers.${code}`, problem: `the playbook has no verifier ${code} (its verifiers: ${[...codes].join(', ')})` });
  }
  const stage = (name: string) => stages[name] ?? name;
  const result: Playbook = {
    ...playbook,
    stages: {
      open: playbook.stages.open.map((s) => ({
        ...s,
        name: stage(s.name),
        verifiers: s.verifiers.map((v) => mappedVerifier(v, verifiers[v.code], `inputs.verifiers.${v.code}`, problems)),
      })),
      won: playbook.stages.won.map(stage),
      lost: playbook.stages.lost.map(stage),
    },
    signals: { ...playbook.signals, NO_NEXT_MEETING: { ...playbook.signals.NO_NEXT_MEETING, fromStage: stage(playbook.signals.NO_NEXT_MEETING.fromStage) } },
    profiles: { ...playbook.profiles, mobilizer: stakeholderProfile.mobilizer, talker: stakeholderProfile.talker, blocker: stakeholderProfile.blocker },
    customerActivity: mappedActivity(playbook.customerActivity, customerActivity),
    tasks: { ...playbook.tasks, completeWhenCleared: mapping.tasks.completeWhenCleared },
  };
  if (result.customerActivity.length === 0) problems.push({ key: 'inputs.customerActivity', problem: 'expected at least one Task or Event type' });
  if (problems.length === 0) {
    // Mapped names must still make a valid playbook (e.g. two stages mapped to one name).
    const checked = playbookSchema.safeParse(result);
    if (!checked.success) {
      problems.push(...checked.error.issues.map((issue) => ({ key: issue.path[0] === 'stages' ? 'inputs.stages' : 'inputs', problem: `with the mapped names: ${issue.message}` })));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return result;
}
