import type { TaskWrites } from './task-writes.js';

/** The Task writes a run would make for one deal, for `explain`. */
export function formatTaskWrites(writes: TaskWrites, keyField: string): string {
  const lines = ['', 'Follow-up Tasks a sync would write now:'];
  for (const task of writes.create) lines.push(`  open     ${String(task[keyField])}  ${String(task.Subject)} (due ${String(task.ActivityDate)})`);
  for (const task of writes.update) lines.push(`  ${task.Status === 'Completed' ? 'complete' : 'reopen  '} ${task.Id}${typeof task.Subject === 'string' ? `  ${task.Subject}` : ''}`);
  if (writes.create.length + writes.update.length === 0) lines.push('  none (every open Task is already as it should be)');
  return `${lines.join('\n')}\n`;
}
