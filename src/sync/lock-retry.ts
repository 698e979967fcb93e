import type { RecordOutcome } from './ports.js';

/** Another transaction holds the row: Salesforce says retry later (never a permanent refusal). */
export const LOCKED = 'UNABLE_TO_LOCK_ROW';

/** Tries of a locked record within one batch, and the wait before the first retry (doubling). */
export const LOCK_TRIES = 3;
export const LOCK_FIRST_WAIT_MS = 500;

/** Records still locked after every try: the batch fails and BullMQ retries it (diffed, so safe). */
export class RecordsLockedError extends Error {
  override readonly name = 'RecordsLockedError';
  readonly errorCode = LOCKED;
  constructor(readonly ids: string[]) {
    super(`${ids.length} record(s) stayed locked (UNABLE_TO_LOCK_ROW) after ${LOCK_TRIES} tries, e.g. ${ids.slice(0, 3).join(', ')}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes `records` with `write` (one outcome per record, in order) and writes again, with
 * backoff, those refused with UNABLE_TO_LOCK_ROW; returns one outcome per record in order.
 */
export async function writeRetryingLocks<R>(
  records: readonly R[],
  write: (records: readonly R[]) => Promise<RecordOutcome[]>,
  wait: (ms: number) => Promise<unknown> = sleep,
): Promise<RecordOutcome[]> {
  const outcomes: RecordOutcome[] = new Array<RecordOutcome>(records.length);
  let pending = records.map((_, index) => index);
  for (let attempt = 1; pending.length > 0; attempt++) {
    const results = await write(pending.map((index) => records[index]!));
    const locked: number[] = [];
    results.forEach((outcome, i) => {
      const index = pending[i]!;
      outcomes[index] = outcome;
      if (!outcome.success && outcome.errorCode === LOCKED) locked.push(index);
    });
    if (locked.length > 0 && attempt >= LOCK_TRIES) throw new RecordsLockedError(locked.map((index) => outcomes[index]!.id));
    if (locked.length > 0) await wait(LOCK_FIRST_WAIT_MS * 2 ** (attempt - 1));
    pending = locked;
  }
  return outcomes;
}
