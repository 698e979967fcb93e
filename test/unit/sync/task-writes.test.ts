import { describe, expect, it } from 'vitest';
import { defaultMapping } from '../../../src/mapping/mapping-file.js';
import type { Assessment } from '../../../src/scoring/index.js';
import { taskWrites } from '../../../src/sync/task-writes.js';

const mapping = defaultMapping();
const DEAL = '006000000000003AAA';

function scored(open: string[], complete: string[]): Assessment {
  return {
    status: 'scored',
    opportunityId: DEAL,
    level: 'High',
    tasks: {
      open: open.map((code) => ({ key: `${DEAL}:${code}`, code, subject: `Fix ${code}`, description: 'why', dueDate: '2026-04-03', priority: 'High' })),
      complete,
    },
  } as unknown as Assessment;
}

describe('follow-up Task writes by key', () => {
  it('when a signal fires with no Task for its key, then one is created by upsert on the key field, owned by the deal owner', () => {
    const writes = taskWrites(scored(['NO_MOBILIZER'], []), '005000000000002AAA', [], mapping);
    expect(writes.create).toEqual([
      expect.objectContaining({ Deal_Risk_Key__c: `${DEAL}:NO_MOBILIZER`, WhatId: DEAL, OwnerId: '005000000000002AAA', Status: 'Not Started', Priority: 'High', ActivityDate: '2026-04-03' }),
    ]);
    expect(writes.update).toEqual([]);
  });

  it('when the key already has an open Task (any case), then nothing is written', () => {
    const writes = taskWrites(scored(['NO_MOBILIZER'], []), '005x', [{ id: '00T1', key: `${DEAL.toLowerCase()}:no_mobilizer`, isClosed: false }], mapping);
    expect(writes).toEqual({ create: [], update: [], completing: 0 });
  });

  it('when the signal fires again after its Task was completed, then that Task is reopened, never a second one created', () => {
    const writes = taskWrites(scored(['NO_MOBILIZER'], []), '005x', [{ id: '00T1', key: `${DEAL}:NO_MOBILIZER`, isClosed: true }], mapping);
    expect(writes.create).toEqual([]);
    expect(writes.update).toEqual([expect.objectContaining({ Id: '00T1', Status: 'Not Started' })]);
  });

  it('when a signal cleared, then its open Tasks are completed; a closed deal completes every open one', () => {
    const existing = [
      { id: '00T1', key: `${DEAL}:NO_MOBILIZER`, isClosed: false },
      { id: '00T2', key: `${DEAL}:STALLED`, isClosed: false },
    ];
    expect(taskWrites(scored([], ['NO_MOBILIZER']), '005x', existing, mapping).update).toEqual([{ Id: '00T1', Status: 'Completed' }]);
    const closed = { status: 'not_scored', opportunityId: DEAL, tasks: { open: [], complete: [] } } as unknown as Assessment;
    expect(taskWrites(closed, '005x', existing, mapping)).toEqual({ create: [], update: [{ Id: '00T1', Status: 'Completed' }, { Id: '00T2', Status: 'Completed' }], completing: 2 });
  });
});
