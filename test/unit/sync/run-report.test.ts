import { describe, expect, it } from 'vitest';
import { FIRST_IDS_PER_CODE, groupFailures } from '../../../src/sync/run-report.js';

describe('groupFailures', () => {
  it('when records are refused with two codes, then each code has its full count, its first ids and its first message, most frequent first', () => {
    const listed = [
      { id: 'a', errorCode: 'STRING_TOO_LONG', message: 'too long' },
      ...Array.from({ length: FIRST_IDS_PER_CODE + 2 }, (_, i) => ({ id: `v${i}`, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: `rule ${i}` })),
    ];
    expect(groupFailures({ STRING_TOO_LONG: 1, FIELD_CUSTOM_VALIDATION_EXCEPTION: 40 }, listed)).toEqual([
      { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', count: 40, firstIds: ['v0', 'v1', 'v2', 'v3', 'v4'], message: 'rule 0' },
      { errorCode: 'STRING_TOO_LONG', count: 1, firstIds: ['a'], message: 'too long' },
    ]);
  });

  it('when a code was counted but none of its records kept, then it is still reported', () => {
    expect(groupFailures({ UNABLE_TO_LOCK_ROW: 3 }, [])).toEqual([{ errorCode: 'UNABLE_TO_LOCK_ROW', count: 3, firstIds: [], message: '' }]);
  });
});
