import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordStore } from '../../../src/store/index.js';
import { ACME, ADMIN, ALICE, GLOBEX, fixture } from './support.js';

const OBJECTS = ['Account', 'Contact', 'Opportunity', 'OpportunityContactRole', 'OpportunityHistory', 'OpportunityFieldHistory', 'Task', 'Event'];

/** Everything observable: every row of every object, plus the children indexes of every row. */
function snapshot(store: RecordStore): string {
  const rows = OBJECTS.map((name) => [...store.rows(name)].map((r) => ({ ...r })));
  const children = OBJECTS.flatMap((name) =>
    [...store.rows(name)].map((r) => [
      store.children('Opportunity', 'AccountId', r.Id).map((c) => c.Id),
      store.children('Contact', 'AccountId', r.Id).map((c) => c.Id),
      store.children('Task', 'WhatId', r.Id).map((c) => c.Id),
      store.children('OpportunityHistory', 'OpportunityId', r.Id).map((c) => c.Id),
    ]),
  );
  return JSON.stringify({ rows, children, deleted: OBJECTS.map((name) => store.deletedRefs(name, '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z')) });
}

type Op =
  | { kind: 'createOpp'; account: number; stage: string; amount: number }
  | { kind: 'updateOpp'; pick: number; stage: string; amount: number; account: number }
  | { kind: 'createTask'; pick: number; key: string; status: string }
  | { kind: 'moveContact'; account: number }
  | { kind: 'delete'; pick: number };

const stages = fc.constantFrom('Prospecting', 'Qualification', 'Negotiation/Review', 'Closed Won', 'Closed Lost', 'Bogus');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('createOpp' as const), account: fc.nat(1), stage: stages, amount: fc.integer({ min: -10, max: 1e6 }) }),
  fc.record({ kind: fc.constant('updateOpp' as const), pick: fc.nat(), stage: stages, amount: fc.integer({ min: 0, max: 1e6 }), account: fc.nat(1) }),
  fc.record({ kind: fc.constant('createTask' as const), pick: fc.nat(), key: fc.constantFrom('k1', 'k2', 'K1'), status: fc.constantFrom('Completed', 'Not Started') }),
  fc.record({ kind: fc.constant('moveContact' as const), account: fc.nat(1) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

function apply(store: RecordStore, o: Op): void {
  const opps = [...store.rows('Opportunity')];
  const opp = opps.length > 0 ? opps[('pick' in o ? o.pick : 0) % opps.length]!.Id : ACME;
  const account = 'account' in o && o.account === 1 ? GLOBEX : ACME;
  switch (o.kind) {
    case 'createOpp':
      store.create('Opportunity', { Name: 'Deal', StageName: o.stage, CloseDate: '2027-01-31', Amount: o.amount, AccountId: account }, ADMIN);
      break;
    case 'updateOpp':
      store.update('Opportunity', opp, { StageName: o.stage, Amount: o.amount, AccountId: account }, ADMIN);
      break;
    case 'createTask':
      store.create('Task', { Subject: 'Follow up', WhatId: opp, Deal_Risk_Key__c: o.key, Status: o.status, ActivityDate: '2026-11-01' }, ADMIN);
      break;
    case 'moveContact':
      store.update('Contact', ALICE, { AccountId: account }, ADMIN);
      break;
    case 'delete':
      store.delete(opp, ADMIN);
      break;
  }
}

describe('transaction rollback (property)', () => {
  it('when any sequence of writes is rolled back, then the store is exactly as before, indexes included', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), fc.array(op, { minLength: 1, maxLength: 12 }), (setup, inside) => {
        const { store } = fixture();
        for (const o of setup) apply(store, o);
        const before = snapshot(store);
        store.transaction((rollback) => {
          for (const o of inside) apply(store, o);
          rollback();
        });
        expect(snapshot(store)).toBe(before);
        // The store still works after a rollback: the next create succeeds with a fresh id.
        const after = store.create('Task', { Subject: 'After', Deal_Risk_Key__c: 'after' }, ADMIN);
        expect(after.success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
