import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BASE64_BYTES, uploadTooLarge } from '../../../src/bulk/ingest-jobs.js';

describe('Bulk API 2.0 upload limit', () => {
  it('is 150 MB of base64: about 112.5 MB of CSV passes, one byte more does not', () => {
    const largest = (MAX_UPLOAD_BASE64_BYTES / 4) * 3;
    expect(largest).toBe(117_964_800);
    expect(uploadTooLarge(largest)).toBe(false);
    expect(uploadTooLarge(largest + 1)).toBe(true);
    expect(uploadTooLarge(100 * 1024 * 1024)).toBe(false);
  });
});
