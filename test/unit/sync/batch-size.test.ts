import { describe, expect, it } from 'vitest';
import { batchSize } from '../../../src/sync/plan-run.js';

describe('how many deals a batch holds', () => {
  it('when a run is incremental, then 200: its ids are sparse and read by IN list', () => {
    expect(batchSize('incremental', 35_000)).toBe(200);
    expect(batchSize('incremental', 50)).toBe(200);
  });

  it('when a run is full, then up to 2,000 consecutive deals, at least 200, in at least two batches', () => {
    expect(batchSize('full', 35_045)).toBe(2000);
    expect(batchSize('full', 3413)).toBe(1707);
    expect(batchSize('full', 500)).toBe(250);
    expect(batchSize('full', 300)).toBe(200);
  });
});
