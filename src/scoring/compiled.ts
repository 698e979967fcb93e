import type { ActivityMatcher, Playbook, SignalCode, Verifier } from './playbook.js';
import { SIGNAL_CODES } from './playbook.js';
import { listWords } from './wording.js';

/** An activity matcher with its lookups prepared. */
export interface CompiledMatcher {
  kind: 'Task' | 'Event' | undefined;
  /** Activity types (exact picklist API values), or undefined for any type. */
  types: Set<string> | undefined;
  subject: RegExp | undefined;
}

/** A verifier with the stage that introduces it. */
export interface CompiledVerifier {
  def: Verifier;
  stage: string;
  match: CompiledMatcher | undefined;
  roles: Set<string> | undefined;
  values: Set<string> | undefined;
}

/** The lookups scoring needs, derived once per playbook object. */
export interface CompiledPlaybook {
  stageIndex: Map<string, number>;
  closedStages: Set<string>;
  /** requiredByStage[i] = the verifiers of stages 0..i (cumulative). */
  requiredByStage: CompiledVerifier[][];
  mobilizer: Set<string>;
  /** The Mobilizer profiles in words ('Go-Getter, Teacher or Skeptic'), for NO_MOBILIZER's reason. */
  mobilizerWords: string;
  talker: Set<string>;
  blocker: Set<string>;
  customerActivity: CompiledMatcher[];
  /** What NO_NEXT_MEETING counts as a booked customer meeting. */
  nextMeeting: CompiledMatcher;
  /** Index of NO_NEXT_MEETING.fromStage in the open stages. */
  lateFrom: number;
  /** Codes of enabled-or-not signals that have a task template. */
  templatedCodes: SignalCode[];
}

function compileMatcher(m: ActivityMatcher): CompiledMatcher {
  return {
    kind: m.activityKind,
    types: m.types ? new Set(m.types) : undefined,
    subject: m.subjectPattern === undefined ? undefined : new RegExp(m.subjectPattern, 'i'),
  };
}

// Playbooks are validated once and then read-only, so the derived lookups are cached per object.
// The one piece of module state in the core, kept because it pays: rebuilding the sets, regexes and
// verifier lists for every deal took the scoring bench from ~110,000 to ~60,000 deals/s.
const cache = new WeakMap<Playbook, CompiledPlaybook>();

/** Derives (once per playbook object) the sets, regexes and cumulative verifier lists scoring uses. */
export function compilePlaybook(playbook: Playbook): CompiledPlaybook {
  const hit = cache.get(playbook);
  if (hit) return hit;
  const requiredByStage: CompiledVerifier[][] = [];
  let cumulative: CompiledVerifier[] = [];
  for (const stage of playbook.stages.open) {
    cumulative = [
      ...cumulative,
      ...stage.verifiers.map((def) => ({
        def,
        stage: stage.name,
        match: def.kind === 'activity' ? compileMatcher(def.match) : undefined,
        roles: def.kind === 'contactRole' ? new Set(def.roles) : undefined,
        values: def.kind === 'field' && def.values ? new Set(def.values) : undefined,
      })),
    ];
    requiredByStage.push(cumulative);
  }
  const compiled: CompiledPlaybook = {
    stageIndex: new Map(playbook.stages.open.map((s, i) => [s.name, i])),
    closedStages: new Set([...playbook.stages.won, ...playbook.stages.lost]),
    requiredByStage,
    mobilizer: new Set(playbook.profiles.mobilizer),
    mobilizerWords: listWords(playbook.profiles.mobilizer),
    talker: new Set(playbook.profiles.talker),
    blocker: new Set(playbook.profiles.blocker),
    customerActivity: playbook.customerActivity.map(compileMatcher),
    nextMeeting: compileMatcher(playbook.signals.NO_NEXT_MEETING.match),
    lateFrom: playbook.stages.open.findIndex((s) => s.name === playbook.signals.NO_NEXT_MEETING.fromStage),
    templatedCodes: SIGNAL_CODES.filter((code) => playbook.signals[code].task !== undefined),
  };
  cache.set(playbook, compiled);
  return compiled;
}
