import { taskIdentity, type Signal, type TaskPlan, type TaskRequest } from './assessment.js';
import type { CompiledPlaybook } from './compiled.js';
import type { Playbook, RiskLevel, SignalCode } from './playbook.js';
import { DAY_MS, isoDate, isoDateTime } from './time.js';

// A batch is scored with one `now`, so every deal repeats the same scoredAt and the same few task
// due dates. Formatting them once per `now` is assess's one memo, kept because it pays about 5%
// (interleaved A/B of 100-deal slices: fastest tenth ~118,000 without it, ~124,000 deals/s with it).
// It holds text derived from `now` only, so results stay a pure function of the inputs.
let memo = { nowMs: NaN, scoredAt: '', dueDates: new Map<number, string>() };

function formatNow(nowMs: number): typeof memo {
  if (memo.nowMs !== nowMs) memo = { nowMs, scoredAt: isoDateTime(nowMs), dueDates: new Map() };
  return memo;
}

/** `now` as the assessment's ISO `scoredAt`. */
export function scoredAtText(nowMs: number): string {
  return formatNow(nowMs).scoredAt;
}

/** 'YYYY-MM-DD' `inDays` after the UTC day of `nowMs`. */
function dueDate(nowMs: number, inDays: number): string {
  const { dueDates } = formatNow(nowMs);
  let text = dueDates.get(inDays);
  if (text === undefined) dueDates.set(inDays, (text = isoDate(Math.floor(nowMs / DAY_MS) * DAY_MS + inDays * DAY_MS)));
  return text;
}

/** Codes whose open Task should be completed: every templated code that is not firing. */
function toComplete(playbook: Playbook, pb: CompiledPlaybook, firing: readonly SignalCode[]): SignalCode[] {
  const complete: SignalCode[] = [];
  if (!playbook.tasks.completeWhenCleared) return complete;
  for (const code of pb.templatedCodes) if (!firing.includes(code)) complete.push(code);
  return complete;
}

/**
 * Tasks: one per firing signal with a template, for the `tasks.maxPerDeal` signals with the most
 * points (`signals` come sorted by points); cleared signals' tasks are completed. A firing signal
 * past the cap asks for no Task, and its open one (from an earlier run) is kept, not completed.
 */
export function planTasks(
  opportunityId: string,
  signals: readonly Signal[],
  codes: readonly SignalCode[],
  level: RiskLevel,
  playbook: Playbook,
  pb: CompiledPlaybook,
  nowMs: number,
): TaskPlan {
  const open: TaskRequest[] = [];
  for (const s of signals) {
    const template = playbook.signals[s.code].task;
    if (!template) continue;
    if (open.length === playbook.tasks.maxPerDeal) break;
    open.push({
      key: taskIdentity(opportunityId, s.code),
      code: s.code,
      subject: template.subject,
      description: `${template.description}\n\nWhy: ${s.reason}`,
      dueDate: dueDate(nowMs, template.dueInDays),
      priority: playbook.tasks.priorityByLevel[level],
    });
  }
  return { open, complete: toComplete(playbook, pb, codes) };
}

/** The plan of a closed deal: nothing to open, every dealrisk Task to complete. */
export function closedDealTasks(playbook: Playbook, pb: CompiledPlaybook): TaskPlan {
  return { open: [], complete: toComplete(playbook, pb, []) };
}
