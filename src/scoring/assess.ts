import type { Benchmarks, StageBenchmark } from './benchmarks.js';
import { compilePlaybook, type CompiledMatcher, type CompiledPlaybook, type CompiledVerifier } from './compiled.js';
import { closeDatePushesOfSorted, sortByCreated, stageEntry, stageRunsOfSorted, type StageEntrySource } from './history.js';
import { SIGNAL_CODES, type Playbook, type RiskLevel, type SignalCode } from './playbook.js';
import { DAY_MS, isoDate, isoDateTime, parseTime, wholeDaysBetween } from './time.js';
import type { ActivityInput, OpportunityInput } from './types.js';

/** One signal that fired, with its points and the sentence that explains it. */
export interface Signal {
  code: SignalCode;
  points: number;
  reason: string;
  /** Record ids (or `Field=value`) behind the signal. */
  evidence: string[];
}

/** A verifier the deal's stage requires, met or not. */
export interface VerifierResult {
  code: string;
  label: string;
  /** The stage that introduces the verifier. */
  stage: string;
  kind: 'field' | 'contactRole' | 'activity';
  met: boolean;
  /** Activity ids, contact ids, or `Field=value` that satisfy it. */
  evidence: string[];
}

/** Stakeholder group of a contact's profile. */
export type ProfileGroup = 'mobilizer' | 'talker' | 'blocker' | 'unknown';

/** A contact on the deal (one entry per contact, however many roles it holds). */
export interface ContactFact {
  id: string;
  name: string;
  profile: string | null;
  group: ProfileGroup;
  roles: string[];
  /** Latest customer activity (per the playbook's `customerActivity`) with this contact, ISO. */
  lastCustomerActivityAt: string | null;
}

/** The facts behind an assessment, for `explain` and reports. */
export interface AssessmentFacts {
  stage: string;
  stageKnown: boolean;
  stageEnteredAt: string | null;
  stageEnteredSource: StageEntrySource | null;
  daysInStage: number | null;
  benchmark: StageBenchmark | null;
  /** daysInStage / benchmark.days */
  ratio: number | null;
  contacts: ContactFact[];
  mobilizers: string[];
  blockers: string[];
  verifiersMet: VerifierResult[];
  verifiersMissing: VerifierResult[];
  closeDate: string | null;
  closeDatePushes: number;
  daysPastCloseDate: number | null;
}

/** A follow-up Task to open (skip it when an open Task with the same key exists). */
export interface TaskRequest {
  /** `<opportunityId>:<SIGNAL_CODE>`, stored in `Deal_Risk_Key__c`. */
  key: string;
  code: SignalCode;
  subject: string;
  description: string;
  /** 'YYYY-MM-DD' (Task.ActivityDate) */
  dueDate: string;
  priority: 'High' | 'Normal' | 'Low';
}

/**
 * Tasks to open for signals that fire, and the signal codes whose open task (identity
 * {@link taskIdentity}) should be completed because the signal cleared.
 */
export interface TaskPlan {
  open: TaskRequest[];
  complete: SignalCode[];
}

/** The score of an open deal. */
export interface ScoredAssessment {
  status: 'scored';
  opportunityId: string;
  opportunityName: string;
  scoredAt: string;
  /** 0–100 */
  score: number;
  level: RiskLevel;
  /** Signal codes ordered by points (for Deal_Risk_Codes__c joined by ';'). */
  codes: SignalCode[];
  codesText: string;
  /** One sentence per signal, ordered by points (for Deal_Risk_Reasons__c joined by newlines). */
  reasons: string[];
  reasonsText: string;
  signals: Signal[];
  facts: AssessmentFacts;
  tasks: TaskPlan;
}

/** A closed deal: not scored; its dealrisk tasks may be completed. */
export interface NotScoredAssessment {
  status: 'not_scored';
  opportunityId: string;
  opportunityName: string;
  scoredAt: string;
  reason: string;
  tasks: TaskPlan;
}

export type Assessment = ScoredAssessment | NotScoredAssessment;

/** The identity of a dealrisk Task: one per deal and signal, so re-scoring never duplicates it. */
export function taskIdentity(opportunityId: string, code: SignalCode): string {
  return `${opportunityId}:${code}`;
}

interface PreparedActivity {
  a: ActivityInput;
  ms: number;
  /** Index of the activity's contact in the deal's contacts. */
  contact: number;
}

function indexOfContact(contacts: readonly ContactFact[], id: string): number {
  for (let i = 0; i < contacts.length; i++) if (contacts[i]!.id === id) return i;
  return -1;
}

/** When an activity happened: an Event's start, a Task's date, else when it was logged. */
function activityTime(a: ActivityInput): number {
  const primary = a.kind === 'Event' ? (a.StartDateTime ?? a.ActivityDate) : a.ActivityDate;
  const ms = parseTime(primary);
  return Number.isNaN(ms) ? parseTime(a.CreatedDate) : ms;
}

function matchesPrepared(m: CompiledMatcher, p: PreparedActivity): boolean {
  if (m.kind !== undefined && m.kind !== p.a.kind) return false;
  if (m.types !== undefined && (p.a.Type === null || !m.types.has(p.a.Type))) return false;
  if (m.subject !== undefined && (p.a.Subject === null || !m.subject.test(p.a.Subject))) return false;
  return true;
}

// A batch is scored with one `now`, so every deal repeats the same scoredAt and the same few task
// due dates. Formatting them once per `now` is assess's one memo, kept because it pays about 5%
// (interleaved A/B of 100-deal slices: fastest tenth ~118,000 without it, ~124,000 deals/s with it).
// It holds text derived from `now` only, so results stay a pure function of the inputs.
let memo = { nowMs: NaN, scoredAt: '', dueDates: new Map<number, string>() };

function formatNow(nowMs: number): typeof memo {
  if (memo.nowMs !== nowMs) memo = { nowMs, scoredAt: isoDateTime(nowMs), dueDates: new Map() };
  return memo;
}

/** 'YYYY-MM-DD' `inDays` after the UTC day of `nowMs`. */
function dueDate(nowMs: number, inDays: number): string {
  const { dueDates } = formatNow(nowMs);
  let text = dueDates.get(inDays);
  if (text === undefined) dueDates.set(inDays, (text = isoDate(Math.floor(nowMs / DAY_MS) * DAY_MS + inDays * DAY_MS)));
  return text;
}

function isCustomerActivity(matchers: readonly CompiledMatcher[], p: PreparedActivity): boolean {
  for (const m of matchers) if (matchesPrepared(m, p)) return true;
  return false;
}

/** Tie-break order of signals with equal points: the order of the issue's table. */
const SIGNAL_ORDER = Object.fromEntries(SIGNAL_CODES.map((code, i) => [code, i])) as Record<SignalCode, number>;

const fmt = (n: number): string => String(Math.round(n * 10) / 10);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function fieldMet(value: unknown, v: CompiledVerifier): boolean {
  if (v.def.kind !== 'field') return false;
  if (v.def.when === 'true') return value === true || value === 'true';
  if (value === null || value === undefined) return false;
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (v.def.when === 'notEmpty') return text !== '';
  return v.values?.has(text) ?? false;
}

function notScored(opp: OpportunityInput, playbook: Playbook, compiled: CompiledPlaybook, now: Date, reason: string): NotScoredAssessment {
  return {
    status: 'not_scored',
    opportunityId: opp.Id,
    opportunityName: opp.Name,
    scoredAt: now.toISOString(),
    reason,
    tasks: {
      open: [],
      complete: playbook.tasks.completeWhenCleared ? [...compiled.templatedCodes] : [],
    },
  };
}

/**
 * Scores one opportunity: time in stage against the benchmark, the stage's cumulative customer
 * verifiers, Mobilizer coverage and close-date behaviour, each signal worth the playbook's points
 * (sum capped at 100). Closed deals are not scored. Pure: `now` is the only clock.
 *
 * Lookups derived from `playbook` are cached per object, so treat a playbook as read-only once it
 * has been used (parse a new one to change it).
 */
export function assessOpportunity(opp: OpportunityInput, playbook: Playbook, benchmarks: Benchmarks, now: Date): Assessment {
  const pb = compilePlaybook(playbook);
  if (opp.IsClosed || pb.closedStages.has(opp.StageName)) {
    return notScored(opp, playbook, pb, now, `Closed deals are not scored (stage '${opp.StageName}').`);
  }
  const nowMs = now.getTime();
  const scoredAt = formatNow(nowMs).scoredAt;
  // "Within N days" counts calendar days (UTC), so a Task dated exactly N days ago still counts.
  const todayMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const signals: Signal[] = [];
  const cfg = playbook.signals;
  // Disabled signals are skipped before their reasons are built.
  const on = (code: SignalCode): boolean => cfg[code].enabled;
  const fire = (code: SignalCode, points: number, reason: string, evidence: string[] = []): void => {
    signals.push({ code, points, reason, evidence });
  };

  // Contacts: one per ContactId, grouped by stakeholder profile. Deals have a handful, so a linear
  // search is cheaper than building a Map.
  const contacts: ContactFact[] = [];
  for (const role of opp.contactRoles) {
    let fact = contacts[indexOfContact(contacts, role.ContactId)];
    if (!fact) {
      const profile = role.contact.profile ?? null;
      const group: ProfileGroup =
        profile === null ? 'unknown' : pb.mobilizer.has(profile) ? 'mobilizer' : pb.talker.has(profile) ? 'talker' : pb.blocker.has(profile) ? 'blocker' : 'unknown';
      fact = { id: role.ContactId, name: role.contact.Name ?? role.ContactId, profile, group, roles: [], lastCustomerActivityAt: null };
      contacts.push(fact);
    }
    if (role.Role) fact.roles.push(role.Role);
  }
  const mobilizers = contacts.filter((c) => c.group === 'mobilizer');
  const blockers = contacts.filter((c) => c.group === 'blocker');

  // Activity with one of the deal's contacts that has happened by now; seller-only rows (no deal contact) drop out here.
  const withContacts: PreparedActivity[] = [];
  // Latest customer activity per contact (same index as `contacts`).
  const lastCustomerMs: number[] = contacts.map(() => -Infinity);
  for (const a of opp.activities) {
    const contact = a.WhoId === null ? -1 : indexOfContact(contacts, a.WhoId);
    if (contact < 0) continue;
    const ms = activityTime(a);
    if (Number.isNaN(ms) || ms > nowMs) continue;
    const p: PreparedActivity = { a, ms, contact };
    withContacts.push(p);
    if (ms > lastCustomerMs[contact]! && isCustomerActivity(pb.customerActivity, p)) lastCustomerMs[contact] = ms;
  }
  const lastMsOf = (c: ContactFact): number => lastCustomerMs[contacts.indexOf(c)]!;
  contacts.forEach((c, i) => {
    if (lastCustomerMs[i]! > -Infinity) c.lastCustomerActivityAt = isoDateTime(lastCustomerMs[i]!);
  });

  // Time in stage.
  const stageIndex = pb.stageIndex.get(opp.StageName);
  const stageKnown = stageIndex !== undefined;
  const sortedHistory = sortByCreated(opp.history);
  const entry = stageEntry(opp.StageName, stageRunsOfSorted(sortedHistory), opp.LastStageChangeDate, opp.CreatedDate);
  const daysInStage = entry ? wholeDaysBetween(entry.ms, nowMs) : null;
  let benchmark: StageBenchmark | null = null;
  let ratio: number | null = null;
  if (stageKnown) {
    const stage = playbook.stages.open[stageIndex]!;
    benchmark = benchmarks.stages[stage.name] ?? {
      stage: stage.name,
      days: stage.defaultDays,
      source: 'playbook',
      wonMedianDays: null,
      wonSamples: 0,
      lostMedianDays: null,
      lostSamples: 0,
      loseWinRatio: null,
    };
    if (daysInStage !== null && benchmark.days > 0) {
      ratio = daysInStage / benchmark.days;
      const b = benchmark;
      const expected = () => (b.source === 'org' ? `won deals leave it in a median ${fmt(b.days)} days` : `the playbook expects about ${fmt(b.days)} days`);
      // A tiny tolerance so a ratio such as 1.65 × 20 = 33 days counts as reached despite float rounding.
      if (daysInStage >= cfg.LOSING_PATTERN.ratio * benchmark.days - 1e-9) {
        if (on('LOSING_PATTERN')) fire('LOSING_PATTERN', cfg.LOSING_PATTERN.points, `In ${stage.name} for ${plural(daysInStage, 'day')}; ${expected()} (${ratio.toFixed(1)}×), the pattern of deals that are lost.`);
      } else if (on('STAGE_STALLED') && daysInStage >= cfg.STAGE_STALLED.ratio * benchmark.days - 1e-9) {
        fire('STAGE_STALLED', cfg.STAGE_STALLED.points, `In ${stage.name} for ${plural(daysInStage, 'day')}; ${expected()} (${ratio.toFixed(1)}×): agree the next step.`);
      }
    }
  } else if (on('UNKNOWN_STAGE')) {
    fire('UNKNOWN_STAGE', cfg.UNKNOWN_STAGE.points, `Stage '${opp.StageName}' is not in the playbook, so time in stage and verifiers are not checked.`);
  }

  // Mobilizer coverage.
  if (mobilizers.length === 0) {
    if (on('NO_MOBILIZER')) {
      const who = contacts.length === 0 ? 'No contacts on the deal, so no Mobilizer' : `No Mobilizer among ${plural(contacts.length, 'contact')} (${contacts.map((c) => c.profile ?? 'no profile').join(', ')})`;
      fire('NO_MOBILIZER', cfg.NO_MOBILIZER.points, `${who}: find a ${listWords(playbook.profiles.mobilizer)} who can drive the change.`, contacts.map((c) => c.id));
    }
  } else if (on('MOBILIZER_DISENGAGED')) {
    const since = todayMs - cfg.MOBILIZER_DISENGAGED.withinDays * DAY_MS;
    const engaged = mobilizers.some((m) => lastMsOf(m) >= since);
    if (!engaged) {
      const lastMs = Math.max(...mobilizers.map(lastMsOf));
      const last = Number.isFinite(lastMs) ? `last on ${isoDate(lastMs)}` : 'never so far';
      const names = mobilizers.map((m) => `${m.name} (${m.profile ?? ''})`).join(', ');
      fire(
        'MOBILIZER_DISENGAGED',
        cfg.MOBILIZER_DISENGAGED.points,
        `${mobilizers.length === 1 ? 'Mobilizer' : 'Mobilizers'} ${names} took part in no customer activity in the last ${cfg.MOBILIZER_DISENGAGED.withinDays} days (${last}).`,
        mobilizers.map((m) => m.id),
      );
    }
  }
  if (on('BLOCKER_UNOPPOSED') && blockers.length > 0 && mobilizers.length === 0) {
    fire(
      'BLOCKER_UNOPPOSED',
      cfg.BLOCKER_UNOPPOSED.points,
      `${blockers.length === 1 ? 'Blocker' : 'Blockers'} ${blockers.map((b) => b.name).join(', ')} ${blockers.length === 1 ? 'is' : 'are'} on the deal with no Mobilizer to counter them.`,
      blockers.map((b) => b.id),
    );
  }
  if (on('SINGLE_THREADED') && contacts.length < cfg.SINGLE_THREADED.minContacts) {
    const who = contacts.length === 0 ? 'No contacts on the deal' : `Only ${plural(contacts.length, 'contact')} on the deal (${contacts.map((c) => c.name).join(', ')})`;
    fire('SINGLE_THREADED', cfg.SINGLE_THREADED.points, `${who}; deals with fewer than ${cfg.SINGLE_THREADED.minContacts} hang on a single thread.`, contacts.map((c) => c.id));
  }

  // Verifiers of this stage and every stage before it.
  const verifiersMet: VerifierResult[] = [];
  const verifiersMissing: VerifierResult[] = [];
  for (const v of stageKnown ? pb.requiredByStage[stageIndex]! : []) {
    const evidence: string[] = [];
    const def = v.def;
    if (def.kind === 'field') {
      const value = opp.fields[def.field];
      if (fieldMet(value, v)) evidence.push(`${def.field}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
    } else if (def.kind === 'contactRole') {
      for (const c of contacts) {
        if ((!def.byMobilizer || c.group === 'mobilizer') && c.roles.some((r) => v.roles!.has(r))) evidence.push(c.id);
      }
    } else {
      const since = def.withinDays === undefined ? -Infinity : todayMs - def.withinDays * DAY_MS;
      for (const p of withContacts) {
        if (p.ms < since || !matchesPrepared(v.match!, p)) continue;
        if (def.byMobilizer && contacts[p.contact]!.group !== 'mobilizer') continue;
        evidence.push(p.a.Id);
      }
    }
    const result: VerifierResult = { code: def.code, label: def.label, stage: v.stage, kind: def.kind, met: evidence.length > 0, evidence };
    (result.met ? verifiersMet : verifiersMissing).push(result);
  }
  if (on('MISSING_VERIFIER') && verifiersMissing.length > 0) {
    const points = Math.min(verifiersMissing.length * cfg.MISSING_VERIFIER.points, cfg.MISSING_VERIFIER.maxPoints);
    fire(
      'MISSING_VERIFIER',
      points,
      `Missing ${plural(verifiersMissing.length, 'customer verifier')} for ${opp.StageName}: ${verifiersMissing.map((v) => `${v.label} (${v.code})`).join('; ')}.`,
      verifiersMissing.map((v) => v.code),
    );
  }

  // Close date.
  const pushes = closeDatePushesOfSorted(opp.fieldHistory, () => sortedHistory);
  if (on('CLOSE_DATE_PUSHED') && pushes.length >= cfg.CLOSE_DATE_PUSHED.minPushes) {
    fire('CLOSE_DATE_PUSHED', cfg.CLOSE_DATE_PUSHED.points, `Close date pushed out ${plural(pushes.length, 'time')}, most recently from ${pushes[pushes.length - 1]!.from} to ${pushes[pushes.length - 1]!.to}.`);
  }
  const closeMs = parseTime(opp.CloseDate?.slice(0, 10));
  let daysPastCloseDate: number | null = null;
  if (opp.CloseDate && closeMs < todayMs) {
    daysPastCloseDate = wholeDaysBetween(closeMs, todayMs);
    if (on('CLOSE_DATE_PASSED')) fire('CLOSE_DATE_PASSED', cfg.CLOSE_DATE_PASSED.points, `Close date ${opp.CloseDate.slice(0, 10)} passed ${plural(daysPastCloseDate, 'day')} ago and the deal is still open.`);
  }

  // Score, level, ordered reasons.
  signals.sort((a, b) => b.points - a.points || SIGNAL_ORDER[a.code] - SIGNAL_ORDER[b.code]);
  const score = Math.min(100, signals.reduce((sum, s) => sum + s.points, 0));
  const level: RiskLevel = score >= playbook.levels.high ? 'High' : score >= playbook.levels.medium ? 'Medium' : 'Low';
  const codes = signals.map((s) => s.code);
  const reasons = signals.map((s) => s.reason);

  // Tasks: one per firing signal with a template; cleared signals' tasks are completed.
  const open: TaskRequest[] = [];
  for (const s of signals) {
    const template = cfg[s.code].task;
    if (!template) continue;
    open.push({
      key: taskIdentity(opp.Id, s.code),
      code: s.code,
      subject: template.subject,
      description: `${template.description}\n\nWhy: ${s.reason}`,
      dueDate: dueDate(nowMs, template.dueInDays),
      priority: playbook.tasks.priorityByLevel[level],
    });
  }
  const complete = playbook.tasks.completeWhenCleared
    ? pb.templatedCodes.filter((code) => !codes.includes(code))
    : [];

  return {
    status: 'scored',
    opportunityId: opp.Id,
    opportunityName: opp.Name,
    scoredAt,
    score,
    level,
    codes,
    codesText: codes.join(';'),
    reasons,
    reasonsText: reasons.join('\n'),
    signals,
    facts: {
      stage: opp.StageName,
      stageKnown,
      stageEnteredAt: entry ? isoDateTime(entry.ms) : null,
      stageEnteredSource: entry?.source ?? null,
      daysInStage,
      benchmark,
      ratio,
      contacts,
      mobilizers: mobilizers.map((m) => m.id),
      blockers: blockers.map((b) => b.id),
      verifiersMet,
      verifiersMissing,
      closeDate: opp.CloseDate ?? null,
      closeDatePushes: pushes.length,
      daysPastCloseDate,
    },
    tasks: { open, complete },
  };
}
