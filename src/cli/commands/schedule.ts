import { scoreDealsJob } from '../../queue/catalog.js';
import { Schedules, wallClock, type Schedule, type ScheduleMode } from '../../queue/schedules.js';
import { withQueues } from '../../queue/with-queues.js';
import { EXIT, type CommandContext } from '../context.js';
import { requireRedis } from '../require-redis.js';
import { textTable } from '../text-table.js';

export interface ScheduleSetFlags {
  cron: string;
  tz: string;
  mode: string;
}

/** Runs `use` on the sync queue's schedules, once Redis has answered the probe. */
async function withSchedules<T>(ctx: CommandContext, use: (schedules: Schedules) => Promise<T>): Promise<T> {
  await requireRedis(ctx);
  return withQueues(ctx.config, [scoreDealsJob.queue], ([queue]) => use(new Schedules(queue!)));
}

/** When a schedule runs next, on its own time zone's clock and in UTC. */
function nextRun(schedule: Schedule): string {
  return schedule.next ? `${wallClock(schedule.next, schedule.tz)} ${schedule.tz} (${schedule.next.toISOString()})` : 'none';
}

/** `dealrisk schedule set <name>`: creates or replaces a recurring sync run. */
export async function runScheduleSet(ctx: CommandContext, name: string, flags: ScheduleSetFlags): Promise<number> {
  const schedule = await withSchedules(ctx, (schedules) => schedules.set({ name, cron: flags.cron, tz: flags.tz, mode: flags.mode as ScheduleMode }));
  ctx.stdout.write(`Schedule ${schedule.name}: ${schedule.mode} sync at "${schedule.cron}" (${schedule.tz}); next run ${nextRun(schedule)}.\n`);
  return EXIT.ok;
}

/** `dealrisk schedule list`: every schedule with its next run. */
export async function runScheduleList(ctx: CommandContext): Promise<number> {
  const list = await withSchedules(ctx, (schedules) => schedules.list());
  if (list.length === 0) {
    ctx.stdout.write(`No schedules. Add one: dealrisk schedule set nightly --cron "0 2 * * *" --tz Europe/Berlin\n`);
    return EXIT.ok;
  }
  ctx.stdout.write(textTable([['NAME', 'MODE', 'CRON', 'TIME ZONE', 'NEXT RUN'], ...list.map((s) => [s.name, s.mode, s.cron, s.tz, nextRun(s)])]));
  return EXIT.ok;
}

/** `dealrisk schedule remove <name>`: exit 1 when there is no schedule of that name. */
export async function runScheduleRemove(ctx: CommandContext, name: string): Promise<number> {
  const removed = await withSchedules(ctx, (schedules) => schedules.remove(name));
  if (!removed) {
    ctx.stderr.write(`dealrisk: no schedule named "${name}" (dealrisk schedule list shows them)\n`);
    return EXIT.failure;
  }
  ctx.stdout.write(`Removed schedule ${name}.\n`);
  return EXIT.ok;
}
