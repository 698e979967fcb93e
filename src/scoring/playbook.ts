import { z } from 'zod';

/** Every risk signal dealrisk knows, in the order reasons are listed when points tie. */
export const SIGNAL_CODES = [
  'LOSING_PATTERN',
  'STAGE_STALLED',
  'NO_MOBILIZER',
  'MOBILIZER_DISENGAGED',
  'PROFILES_MISSING',
  'BLOCKER_UNOPPOSED',
  'SINGLE_THREADED',
  'MISSING_VERIFIER',
  'CLOSE_DATE_PUSHED',
  'CLOSE_DATE_PASSED',
  'AMOUNT_LOWERED',
  'STAGE_REGRESSED',
  'NO_NEXT_MEETING',
  'NEXT_STEP_STALE',
  'UNKNOWN_STAGE',
] as const;
export type SignalCode = (typeof SIGNAL_CODES)[number];

const name = z.string().trim().min(1, 'expected a non-empty name');
const positiveInt = z.number().int('expected a whole number').positive('expected a number above 0');
const days = z.number().positive('expected a number of days above 0');
const share = z.number().min(0, 'expected a share from 0 to 1').max(1, 'expected a share from 0 to 1');
const points = z.number().min(0, 'expected points from 0 to 100').max(100, 'expected points from 0 to 100');
const code = z.string().regex(/^[A-Z][A-Z0-9_]{0,59}$/, 'expected an UPPER_SNAKE_CASE code of at most 60 characters');
const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected a valid regular expression' },
);

/** Which Tasks/Events count: all given conditions must hold. Types are exact picklist values; the subject pattern is case-insensitive. */
const activityMatcherSchema = z
  .object({
    activityKind: z.enum(['Task', 'Event']).optional(),
    types: z.array(name).min(1).optional(),
    subjectPattern: regexSource.optional(),
  })
  .strict();
export type ActivityMatcher = z.infer<typeof activityMatcherSchema>;

const verifierBase = { code, label: name };

/** A customer-verifiable milestone a deal must show from its stage on. */
const verifierSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...verifierBase,
      kind: z.literal('field'),
      /** Opportunity field API name. */
      field: name,
      /** true: checkbox checked; notEmpty: any value (date, text); oneOf: picklist value in `values`. */
      when: z.enum(['true', 'notEmpty', 'oneOf']),
      values: z.array(name).min(1).optional(),
    })
    .strict(),
  z
    .object({
      ...verifierBase,
      kind: z.literal('contactRole'),
      roles: z.array(name).min(1),
      byMobilizer: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      ...verifierBase,
      kind: z.literal('activity'),
      /** Task/Event with one of the deal's contacts as `WhoId`, matching this. */
      match: activityMatcherSchema,
      withinDays: positiveInt.optional(),
      byMobilizer: z.boolean().optional(),
    })
    .strict(),
]);
export type Verifier = z.infer<typeof verifierSchema>;

/** The follow-up Task a signal asks for. */
const taskTemplateSchema = z
  .object({
    subject: z.string().trim().min(1).max(255, 'expected at most 255 characters (Task.Subject)'),
    description: z.string(),
    dueInDays: z.number().int('expected a whole number').min(0, 'expected 0 or more days'),
  })
  .strict();
export type TaskTemplate = z.infer<typeof taskTemplateSchema>;

const signal = <T extends z.ZodRawShape>(extra: T) =>
  z.object({ enabled: z.boolean().default(true), points, task: taskTemplateSchema.optional(), ...extra }).strict();

const stageSchema = z
  .object({
    name,
    /** Days won deals typically spend here; used until the org has `minSample` won deals for the stage. */
    defaultDays: days,
    /** Days of the engagement window here (MOBILIZER_DISENGAGED, SINGLE_THREADED); else MOBILIZER_DISENGAGED.withinDays. */
    engagementWithinDays: positiveInt.optional(),
    /** Distinct buyer contacts expected engaged here; else SINGLE_THREADED.minContacts. */
    minEngagedContacts: positiveInt.optional(),
    verifiers: z.array(verifierSchema).default([]),
  })
  .strict();

const taskPriority = z.enum(['High', 'Normal', 'Low']);

/**
 * The admin-tunable playbook. Every number lives in `config/playbook.yaml`; this schema only
 * checks it (no numeric defaults here, so the defaults exist in one place).
 */
export const playbookSchema = z
  .object({
    version: z.literal(1),
    stages: z
      .object({
        /** Open stages in sales order. */
        open: z.array(stageSchema).min(1),
        won: z.array(name).min(1),
        lost: z.array(name).min(1),
      })
      .strict(),
    benchmarks: z.object({ windowDays: positiveInt, minSample: positiveInt, minDays: days }).strict(),
    profiles: z
      .object({
        mobilizer: z.array(name).min(1),
        talker: z.array(name),
        blocker: z.array(name),
        /** Share (0–1) of a deal's contacts that must have a profile in a group before Mobilizer coverage is judged. */
        minProfiledShare: share,
      })
      .strict(),
    /** What counts as the customer taking part (for MOBILIZER_DISENGAGED); any matcher suffices. */
    customerActivity: z.array(activityMatcherSchema).min(1),
    signals: z
      .object({
        /** ratio: the playbook's lose/win ratio; priorSamples: how many samples the playbook's ratio is worth against the org's. */
        LOSING_PATTERN: signal({ ratio: z.number().positive(), priorSamples: z.number().min(0, 'expected 0 or more samples') }),
        /** percentile: of won deals' days in stage (org benchmark); ratio: × defaultDays (playbook benchmark). */
        STAGE_STALLED: signal({ percentile: z.number().min(1, 'expected a percentile from 1 to 99').max(99, 'expected a percentile from 1 to 99'), ratio: z.number().positive() }),
        NO_MOBILIZER: signal({}),
        MOBILIZER_DISENGAGED: signal({ withinDays: positiveInt }),
        PROFILES_MISSING: signal({}),
        BLOCKER_UNOPPOSED: signal({}),
        SINGLE_THREADED: signal({ minContacts: positiveInt }),
        MISSING_VERIFIER: signal({ maxPoints: points }),
        /** The close date moved out: pushed across a quarter boundary, or later by more than maxTotalDays in all. */
        CLOSE_DATE_PUSHED: signal({ maxTotalDays: positiveInt, fiscalYearStartMonth: z.number().int().min(1).max(12, 'expected a month from 1 to 12') }),
        CLOSE_DATE_PASSED: signal({}),
        AMOUNT_LOWERED: signal({ minDropPercent: z.number().positive().max(100, 'expected a percentage from 0 to 100') }),
        STAGE_REGRESSED: signal({ withinDays: positiveInt }),
        /** From fromStage on, no customer meeting (match) booked in the next withinDays. */
        NO_NEXT_MEETING: signal({ fromStage: name, withinDays: positiveInt, match: activityMatcherSchema }),
        NEXT_STEP_STALE: signal({ staleDays: positiveInt }),
        UNKNOWN_STAGE: signal({}),
      })
      .strict(),
    levels: z.object({ high: points, medium: points }).strict(),
    tasks: z
      .object({
        /** Ask to complete a signal's open task once the signal no longer fires. */
        completeWhenCleared: z.boolean(),
        priorityByLevel: z.object({ High: taskPriority, Medium: taskPriority, Low: taskPriority }).strict(),
      })
      .strict(),
  })
  .strict()
  .superRefine((pb, ctx) => {
    const stageNames = new Map<string, string>();
    const all = [
      ...pb.stages.open.map((s, i) => [s.name, ['stages', 'open', i, 'name']] as const),
      ...pb.stages.won.map((s, i) => [s, ['stages', 'won', i]] as const),
      ...pb.stages.lost.map((s, i) => [s, ['stages', 'lost', i]] as const),
    ];
    for (const [stage, path] of all) {
      if (stageNames.has(stage)) ctx.addIssue({ code: 'custom', path: [...path], message: `stage '${stage}' is listed twice` });
      stageNames.set(stage, stage);
    }
    const codes = new Set<string>();
    pb.stages.open.forEach((stage, s) =>
      stage.verifiers.forEach((v, i) => {
        const path = ['stages', 'open', s, 'verifiers', i];
        if (codes.has(v.code)) ctx.addIssue({ code: 'custom', path: [...path, 'code'], message: `verifier code ${v.code} is used twice` });
        codes.add(v.code);
        if (v.kind === 'field' && v.when === 'oneOf' && !v.values) {
          ctx.addIssue({ code: 'custom', path: [...path, 'values'], message: "expected a list of values when 'when' is oneOf" });
        }
      }),
    );
    const profiles = [...pb.profiles.mobilizer, ...pb.profiles.talker, ...pb.profiles.blocker];
    if (new Set(profiles).size !== profiles.length) {
      ctx.addIssue({ code: 'custom', path: ['profiles'], message: 'a profile value belongs to more than one group' });
    }
    if (pb.signals.LOSING_PATTERN.ratio <= pb.signals.STAGE_STALLED.ratio) {
      ctx.addIssue({ code: 'custom', path: ['signals', 'LOSING_PATTERN', 'ratio'], message: 'expected a ratio above STAGE_STALLED.ratio' });
    }
    if (pb.signals.STAGE_STALLED.percentile < 50) {
      ctx.addIssue({ code: 'custom', path: ['signals', 'STAGE_STALLED', 'percentile'], message: 'expected at least the median (50): below it most won deals would be stalled' });
    }
    // Keep the promise that more time never lowers a score and a Mobilizer never raises it.
    const effective = (c: SignalCode) => (pb.signals[c].enabled ? pb.signals[c].points : 0);
    if (effective('LOSING_PATTERN') < effective('STAGE_STALLED')) {
      ctx.addIssue({ code: 'custom', path: ['signals', 'LOSING_PATTERN', 'points'], message: 'expected at least the points of an enabled STAGE_STALLED' });
    }
    if (effective('NO_MOBILIZER') < effective('MOBILIZER_DISENGAGED')) {
      ctx.addIssue({ code: 'custom', path: ['signals', 'NO_MOBILIZER', 'points'], message: 'expected at least the points of an enabled MOBILIZER_DISENGAGED' });
    }
    // Profiling a contact as a Mobilizer turns PROFILES_MISSING into, at worst, MOBILIZER_DISENGAGED.
    if (effective('PROFILES_MISSING') < effective('MOBILIZER_DISENGAGED')) {
      ctx.addIssue({ code: 'custom', path: ['signals', 'PROFILES_MISSING', 'points'], message: 'expected at least the points of an enabled MOBILIZER_DISENGAGED' });
    }
    if (!pb.stages.open.some((s) => s.name === pb.signals.NO_NEXT_MEETING.fromStage)) {
      ctx.addIssue({ code: 'custom', path: ['signals', 'NO_NEXT_MEETING', 'fromStage'], message: `expected one of the open stages (${pb.stages.open.map((s) => s.name).join(', ')})` });
    }
    if (pb.levels.high <= pb.levels.medium) {
      ctx.addIssue({ code: 'custom', path: ['levels', 'high'], message: 'expected a threshold above levels.medium' });
    }
  });

/**
 * Signals that never fire together (one of each group at most), so a deal's codes text is never
 * longer than {@link longestCodesText}.
 */
export const EXCLUSIVE_SIGNALS: readonly (readonly SignalCode[])[] = [
  ['LOSING_PATTERN', 'STAGE_STALLED'],
  ['NO_MOBILIZER', 'MOBILIZER_DISENGAGED', 'PROFILES_MISSING'],
];

/** The length of the longest codes text a deal can get: every code that can fire together, joined by ';'. */
export function longestCodesText(): number {
  const dropped = new Set<SignalCode>();
  for (const group of EXCLUSIVE_SIGNALS) {
    const longest = group.reduce((a, b) => (b.length > a.length ? b : a));
    for (const code of group) if (code !== longest) dropped.add(code);
  }
  return SIGNAL_CODES.filter((code) => !dropped.has(code)).join(';').length;
}

/** A validated playbook. */
export type Playbook = z.output<typeof playbookSchema>;
/** A playbook as written in YAML (before defaults such as `enabled: true` apply). */
export type PlaybookInput = z.input<typeof playbookSchema>;

/** Risk level of a score. */
export type RiskLevel = 'High' | 'Medium' | 'Low';
