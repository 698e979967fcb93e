import { describe, expect, it } from 'vitest';
import { LOCK_TRIES, RecordsLockedError, writeRetryingLocks } from '../../../src/sync/lock-retry.js';
import type { RecordOutcome } from '../../../src/sync/ports.js';

const locked = (id: string): RecordOutcome => ({ id, success: false, errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' });
const ok = (id: string): RecordOutcome => ({ id, success: true });
const noWait = () => Promise.resolve();

describe('UNABLE_TO_LOCK_ROW retried within a batch', () => {
  it('when a record is locked once, then only it is written again and every outcome keeps its place', async () => {
    const calls: string[][] = [];
    const outcomes = await writeRetryingLocks(
      ['a', 'b', 'c'],
      (records) => {
        calls.push([...records]);
        return Promise.resolve(records.map((id) => (id === 'b' && calls.length === 1 ? locked(id) : ok(id))));
      },
      noWait,
    );
    expect(calls).toEqual([['a', 'b', 'c'], ['b']]);
    expect(outcomes).toEqual([ok('a'), ok('b'), ok('c')]);
  });

  it('when a record stays locked, then it is tried a bounded number of times and the batch fails to be retried', async () => {
    let calls = 0;
    const waits: number[] = [];
    const write = writeRetryingLocks(
      ['a', 'b'],
      (records) => {
        calls += 1;
        return Promise.resolve(records.map((id) => (id === 'b' ? locked(id) : ok(id))));
      },
      (ms) => Promise.resolve(waits.push(ms)),
    );
    await expect(write).rejects.toBeInstanceOf(RecordsLockedError);
    expect(calls).toBe(LOCK_TRIES);
    expect(waits).toEqual([500, 1000]);
  });

  it('when a record is refused for good, then it is not retried', async () => {
    let calls = 0;
    const outcomes = await writeRetryingLocks(['a'], () => {
      calls += 1;
      return Promise.resolve([{ id: 'a', success: false, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'no' }]);
    }, noWait);
    expect(calls).toBe(1);
    expect(outcomes[0]!.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
  });
});
