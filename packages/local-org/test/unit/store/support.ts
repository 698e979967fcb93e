import { makeId } from '../../../src/ids.js';
import type { SRecord } from '../../../src/model.js';
import { testSchema } from '../../support/test-schema.js';
import { createManualClock, createRecordStore, type ManualClock, type RecordStore, type ValidationRule } from '../../../src/store/index.js';

export const T0 = new Date('2026-11-27T10:00:00.000Z');
export const T0_WIRE = '2026-11-27T10:00:00.000+0000';

export const ADMIN = makeId('005', 1);
export const INACTIVE_USER = makeId('005', 2);
export const ACME = makeId('001', 1);
export const GLOBEX = makeId('001', 2);
export const ALICE = makeId('003', 1);

export interface Fixture {
  store: RecordStore;
  clock: ManualClock;
  /** Creates a valid open Opportunity and returns its id. */
  newOpportunity: (fields?: Record<string, unknown>) => string;
  row: (id: string) => SRecord;
  rowsOf: (objectName: string) => SRecord[];
}

/** A store with two users (one inactive), two accounts and a contact, on a manual clock at T0. */
export function fixture(validationRules: ValidationRule[] = []): Fixture {
  const clock = createManualClock(T0);
  const store = createRecordStore(testSchema(), clock, { validationRules });
  store.loadDataset({
    records: {
      User: [
        { Id: ADMIN, Username: 'admin@dealrisk.local', LastName: 'Admin', FirstName: 'Ada', Email: 'admin@dealrisk.local', Alias: 'admin' },
        { Id: INACTIVE_USER, Username: 'gone@dealrisk.local', LastName: 'Gone', Email: 'gone@dealrisk.local', Alias: 'gone', IsActive: false },
      ],
      Account: [
        { Id: ACME, Name: 'Acme' },
        { Id: GLOBEX, Name: 'Globex' },
      ],
      Contact: [{ Id: ALICE, FirstName: 'Alice', LastName: 'Buyer', AccountId: ACME, Email: 'alice@acme.test' }],
    },
  });
  return {
    store,
    clock,
    newOpportunity(fields = {}) {
      const result = store.create(
        'Opportunity',
        { Name: 'Acme renewal', StageName: 'Prospecting', CloseDate: '2026-12-31', Amount: 50000, AccountId: ACME, ...fields },
        ADMIN,
      );
      if (!result.success || !result.id) throw new Error(JSON.stringify(result.errors));
      return result.id;
    },
    row(id) {
      const rec = store.byId(id);
      if (!rec) throw new Error(`no row ${id}`);
      return rec;
    },
    rowsOf(objectName) {
      return [...store.rows(objectName)];
    },
  };
}
