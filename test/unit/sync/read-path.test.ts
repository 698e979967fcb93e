import { describe, expect, it } from 'vitest';
import { readPathFor } from '../../../src/sync/read-path.js';

describe('which API a run reads its deals with', () => {
  it('when a run plans at least the threshold, then it reads with Bulk; below it, REST', () => {
    expect(readPathFor(999, 1_000)).toBe('rest');
    expect(readPathFor(1_000, 1_000)).toBe('bulk');
  });

  it('when the threshold is 0, then every run reads over REST', () => {
    expect(readPathFor(1_000_000, 0)).toBe('rest');
  });
});
