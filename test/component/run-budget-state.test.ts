import { afterEach, describe, expect, it } from 'vitest';
import { RunState } from '../../src/queue/run-state.js';
import { RedisFixture, uniqueQueueName } from '../support/redis.js';

const redis = new RedisFixture();
afterEach(() => redis.cleanup());

/** A run state under a prefix no other test uses (its `:sync:*` keys removed at cleanup). */
function runState(): RunState {
  const prefix = uniqueQueueName('budget-state');
  redis.syncQueues(prefix);
  return new RunState(redis.connection(), prefix);
}

describe("a run's API budget in Redis", () => {
  it('when workers report usage out of order, then the budget keeps the highest seen, and a report without a figure only reads', async () => {
    const state = runState();
    await state.startBudget('run-1', { startUsed: 100, limit: 1000, runLimitPercent: 25 });
    expect(await state.noteUsage('run-1', 180)).toEqual({ startUsed: 100, limit: 1000, runLimitPercent: 25, seenUsed: 180 });
    await Promise.all([state.noteUsage('run-1', 240), state.noteUsage('run-1', 90), state.noteUsage('run-1', 200)]);
    expect(await state.noteUsage('run-1', undefined)).toMatchObject({ seenUsed: 240 });
  });

  it('when a plan is retried, then the budget keeps the first start, so the first attempt\'s calls count as the run\'s', async () => {
    const state = runState();
    await state.startBudget('run-2', { startUsed: 100, limit: 1000, runLimitPercent: 25 });
    await state.noteUsage('run-2', 130);
    await state.startBudget('run-2', { startUsed: 130, limit: 1000, runLimitPercent: 25 });
    expect(await state.noteUsage('run-2', undefined)).toEqual({ startUsed: 100, limit: 1000, runLimitPercent: 25, seenUsed: 130 });
  });

  it('when the plan recorded no budget for a run, then a report answers none and stores nothing', async () => {
    const state = runState();
    expect(await state.noteUsage('never-planned', 500)).toBeUndefined();
    expect(await state.noteUsage('never-planned', undefined)).toBeUndefined();
  });

  it('when a full run is owed and then done, then the flag is set and cleared', async () => {
    const state = runState();
    expect(await state.fullRunOwed()).toBe(false);
    await state.setFullRunOwed(true);
    expect(await state.fullRunOwed()).toBe(true);
    await state.setFullRunOwed(false);
    expect(await state.fullRunOwed()).toBe(false);
  });
});
