import { describe, expect, it } from 'vitest';
import type { RecordOutcome } from '../../../src/salesforce/deal-repository.js';
import { type RecordUpdate, UpdateBuffer } from '../../../src/salesforce/update-buffer.js';

const update = (n: number): RecordUpdate => ({ Id: `006${String(n).padStart(15, '0')}`, Deal_Risk_Score__c: n });

describe('UpdateBuffer', () => {
  it('when pages of 70 records arrive, then they go out in calls of 200 and the rest in one call at the end, each outcome once', async () => {
    const calls: number[] = [];
    const buffer = new UpdateBuffer(async (records) => {
      calls.push(records.length);
      return records.map((r): RecordOutcome => ({ id: r.Id, success: true }));
    });
    const outcomes: RecordOutcome[] = [];
    for (let page = 0; page < 7; page += 1) outcomes.push(...(await buffer.add(Array.from({ length: 70 }, (_, i) => update(page * 70 + i)))));
    expect(calls).toEqual([200, 200]);
    outcomes.push(...(await buffer.flush()));
    expect(calls).toEqual([200, 200, 90]);
    expect(outcomes.map((o) => o.id)).toEqual(Array.from({ length: 490 }, (_, i) => update(i).Id));
    expect(await buffer.flush()).toEqual([]);
    expect(calls).toHaveLength(3);
  });
});
