import type { Queue } from 'bullmq';
import { ConfigError, type ConfigProblem } from '../errors/config-error.js';
import { scoreDealsJob } from './catalog.js';
import { jobOptions } from './jobs.js';

export const SCHEDULE_MODES = ['full', 'incremental'] as const;
export type ScheduleMode = (typeof SCHEDULE_MODES)[number];

/** A recurring sync run: a BullMQ job scheduler on the sync queue, named by the admin. */
export interface Schedule {
  name: string;
  /** Cron pattern: five fields, or six with seconds first. */
  cron: string;
  /** IANA time zone the pattern is read in. */
  tz: string;
  mode: ScheduleMode;
  /** When its next run is due; undefined when the scheduler has none left. */
  next: Date | undefined;
}

export type ScheduleRequest = Omit<Schedule, 'next'>;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$/;

/** Whether the runtime's time zone database knows `tz` (Intl throws a RangeError otherwise). */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Checks a request before anything reaches Redis; each bad flag is its own problem. */
export function checkScheduleRequest(request: ScheduleRequest): void {
  const problems: ConfigProblem[] = [];
  if (!NAME.test(request.name)) problems.push({ key: '<name>', problem: `expected up to 50 letters, digits, "-" or "_", got "${request.name}"` });
  if (!isTimeZone(request.tz)) problems.push({ key: '--tz', problem: `expected an IANA time zone such as Europe/Berlin or America/New_York, got "${request.tz}"` });
  if (!(SCHEDULE_MODES as readonly string[]).includes(request.mode)) problems.push({ key: '--mode', problem: `expected full or incremental, got "${request.mode}"` });
  if (problems.length > 0) throw new ConfigError(problems);
}

/** The run id every iteration of a schedule carries; {@link runIdOf} makes it each iteration's own. */
function scheduleRunId(name: string): string {
  return `schedule-${name}`;
}

/** BullMQ's id of a job a scheduler added: `repeat:<scheduler>:<due millis>`. */
const SCHEDULED_JOB_ID = /^repeat:.+:(\d+)$/;

/**
 * The run id of a run's first job. A scheduler adds every iteration with the same template data,
 * so a scheduled run takes the time it was due from its job id: each night is its own run (with
 * its own batch and finish job ids), and the same iteration delivered twice is the same run.
 */
export function runIdOf(payload: { runId: string; trigger: string }, job: { id?: string | undefined; timestamp: number }): string {
  if (payload.trigger !== 'schedule') return payload.runId;
  const due = SCHEDULED_JOB_ID.exec(job.id ?? '')?.[1] ?? String(job.timestamp);
  return `${payload.runId}-${due}`;
}

/** What a scheduled run's job carries; the processor gives each iteration its own run id. */
function templateData(request: ScheduleRequest): Record<string, unknown> {
  return { ...scoreDealsJob.schema.parse({ runId: scheduleRunId(request.name), trigger: 'schedule' }), mode: request.mode };
}

/**
 * The sync run's schedules, kept by BullMQ in Redis as job schedulers on the run's queue. Only
 * `dealrisk schedule` changes them (https://docs.bullmq.io/guide/job-schedulers): workers never
 * upsert them at start-up, so a deploy with many workers cannot reset or duplicate one.
 */
export class Schedules {
  constructor(private readonly queue: Queue) {}

  /** Creates the schedule or replaces the one of that name; returns it with its next run. */
  async set(request: ScheduleRequest): Promise<Schedule> {
    checkScheduleRequest(request);
    try {
      await this.queue.upsertJobScheduler(
        request.name,
        { pattern: request.cron, tz: request.tz },
        { name: scoreDealsJob.name, data: templateData(request), opts: jobOptions(scoreDealsJob) },
      );
    } catch (error) {
      // BullMQ checks the pattern (through cron-parser) before it writes anything.
      throw new ConfigError([{ key: '--cron', problem: `"${request.cron}" is not a cron pattern: ${(error as Error).message}` }]);
    }
    const set = (await this.list()).find((schedule) => schedule.name === request.name);
    if (!set) throw new Error(`schedule ${request.name} was set but Redis does not list it`);
    return set;
  }

  /** Every schedule, soonest next run first. */
  async list(): Promise<Schedule[]> {
    const schedulers = await this.queue.getJobSchedulers(0, -1, true);
    return schedulers
      .map((scheduler) => {
        const mode = (scheduler.template?.data as { mode?: unknown } | undefined)?.mode;
        return {
          name: scheduler.key,
          cron: scheduler.pattern ?? `every ${scheduler.every ?? '?'} ms`,
          tz: scheduler.tz ?? 'UTC',
          mode: mode === 'incremental' ? 'incremental' : 'full',
          next: scheduler.next === undefined ? undefined : new Date(scheduler.next),
        } satisfies Schedule;
      })
      .sort((a, b) => (a.next?.getTime() ?? Infinity) - (b.next?.getTime() ?? Infinity));
  }

  /** Removes a schedule and its pending run; false when there was none of that name. */
  async remove(name: string): Promise<boolean> {
    return this.queue.removeJobScheduler(name);
  }
}

/** A time as the clock on the wall in `tz` shows it: `2026-12-02 02:00:00`. */
export function wallClock(at: Date, tz: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}
