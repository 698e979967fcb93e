import { describe, expect, it } from 'vitest';
import { ADMIN, fixture } from './support.js';

const DAY = 86_400_000;

describe('activity archiving', () => {
  it('when the org clock passes 365 days after a closed Task is due, then the next run archives it, without touching its audit fields', () => {
    const { store, clock, newOpportunity, row } = fixture();
    const deal = newOpportunity();
    const due = new Date(clock.now().getTime() - 364 * DAY).toISOString().slice(0, 10);
    const result = store.create('Task', { Subject: 'call', Status: 'Completed', ActivityDate: due, WhatId: deal }, ADMIN);
    const id = result.id!;
    expect(row(id).IsArchived).toBe(false);
    const stamp = row(id).SystemModstamp;

    store.archiveActivities();
    expect(row(id).IsArchived).toBe(false);
    clock.advance(2 * DAY);
    store.archiveActivities();
    expect(row(id).IsArchived).toBe(true);
    expect(row(id).SystemModstamp).toBe(stamp);
  });

  it('when an open Task is old, then it stays unarchived until it is closed', () => {
    const { store, clock, newOpportunity, row } = fixture();
    const deal = newOpportunity();
    const due = new Date(clock.now().getTime() - 500 * DAY).toISOString().slice(0, 10);
    const id = store.create('Task', { Subject: 'call', Status: 'Not Started', ActivityDate: due, WhatId: deal }, ADMIN).id!;
    store.archiveActivities();
    expect(row(id).IsArchived).toBe(false);
    store.update('Task', id, { Status: 'Completed' }, ADMIN);
    expect(row(id).IsArchived).toBe(true);
  });
});
