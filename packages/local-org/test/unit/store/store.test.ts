import { describe, expect, it } from 'vitest';
import { KEY_PREFIX, makeId, sequenceOf } from '../../../src/ids.js';
import { caseSafeSuffix, toId18 } from '@dealrisk/salesforce-wire';
import { STANDARD_STAGES, createOrgSchema } from '../../../src/schema/index.js';
import { DatasetLoadError, createManualClock, createRecordStore } from '../../../src/store/index.js';
import { ACME, ADMIN, ALICE, GLOBEX, T0, T0_WIRE, fixture } from './support.js';

const MINUTE = 60_000;

describe('ids and system fields', () => {
  it('when records are created, then ids are 18 characters with the object prefix and a valid case-safe suffix', () => {
    const { store, newOpportunity } = fixture();
    const opp = newOpportunity();
    const ocr = store.create('OpportunityContactRole', { OpportunityId: opp, ContactId: ALICE, Role: 'Economic Buyer' }, ADMIN).id!;
    const task = store.create('Task', { Subject: 'Call' }, ADMIN).id!;
    const event = store.create('Event', { Subject: 'Meet', StartDateTime: '2026-12-01T10:00:00Z', DurationInMinutes: 30 }, ADMIN).id!;
    for (const [id, prefix] of [[opp, KEY_PREFIX.Opportunity], [ocr, '00k'], [task, '00T'], [event, '00U']] as const) {
      expect(id).toHaveLength(18);
      expect(id.startsWith(prefix)).toBe(true);
      expect(id.slice(15)).toBe(caseSafeSuffix(id.slice(0, 15)));
      expect(toId18(id)).toBe(id);
    }
    const historyId = [...store.rows('OpportunityHistory')][0]!.Id;
    expect(historyId.startsWith('008')).toBe(true);
  });

  it('when an id is made from a sequence number, then sequenceOf reads the same number back', () => {
    for (const sequence of [0, 1, 61, 62, 3_843, 1_000_000, 2 ** 40 + 7]) expect(sequenceOf(makeId('006', sequence))).toBe(sequence);
  });

  it('when a dataset brought its own ids, then new ids continue after the highest sequence', () => {
    const { store } = fixture();
    store.loadDataset({ records: { Account: [{ Id: makeId('001', 41), Name: 'Initech' }] } });
    expect(store.create('Account', { Name: 'Umbrella' }, ADMIN).id).toBe(makeId('001', 42));
  });

  it('when a record is created and later updated, then the audit fields follow the clock and the acting user', () => {
    const { store, clock, row } = fixture();
    const id = store.create('Account', { Name: 'Umbrella' }, ADMIN).id!;
    expect(row(id)).toMatchObject({ CreatedDate: T0_WIRE, LastModifiedDate: T0_WIRE, SystemModstamp: T0_WIRE, CreatedById: ADMIN, LastModifiedById: ADMIN, OwnerId: ADMIN, IsDeleted: false });
    clock.advance(5 * MINUTE);
    const other = makeId('005', 1);
    store.update('Account', id.slice(0, 15), { Industry: 'Technology' }, other);
    expect(row(id)).toMatchObject({ CreatedDate: T0_WIRE, LastModifiedDate: '2026-11-27T10:05:00.000+0000', SystemModstamp: '2026-11-27T10:05:00.000+0000' });
    expect(store.updatedIds('Account', '2026-11-27T10:04:00Z', '2026-11-27T10:06:00Z')).toEqual([id]);
  });

  it('when the clock is created with an as-of date, then it starts there and runs on', async () => {
    const { createClock } = await import('../../../src/store/index.js');
    const clock = createClock(new Date('2025-01-15T00:00:00Z'));
    const first = clock.now().getTime();
    expect(first).toBeGreaterThanOrEqual(Date.parse('2025-01-15T00:00:00Z'));
    expect(first).toBeLessThan(Date.parse('2025-01-15T00:00:05Z'));
    await new Promise((r) => setTimeout(r, 15));
    expect(clock.now().getTime()).toBeGreaterThan(first);
  });
});

describe('transactions (allOrNone)', () => {
  it('when rollback is requested, then every create, update, delete, history row and index change inside is undone', () => {
    const { store, newOpportunity, row, rowsOf } = fixture();
    const kept = newOpportunity();
    const before = { opps: rowsOf('Opportunity').length, history: rowsOf('OpportunityHistory').length, fieldHistory: rowsOf('OpportunityFieldHistory').length };
    const result = store.transaction((rollback) => {
      const created = store.create('Opportunity', { Name: 'B', StageName: 'Qualification', CloseDate: '2027-01-31', AccountId: GLOBEX }, ADMIN);
      store.update('Opportunity', kept, { StageName: 'Closed Won', AccountId: GLOBEX }, ADMIN);
      store.delete(ALICE, ADMIN);
      const failed = store.update('Opportunity', kept, { Deal_Risk_Level__c: 'Extreme' }, ADMIN);
      if (!failed.success) rollback();
      return created.id;
    });
    expect(result).toMatch(/^006/);
    expect(store.byId(result!)).toBeUndefined();
    expect(row(kept)).toMatchObject({ StageName: 'Prospecting', IsWon: false, AccountId: ACME, LastStageChangeDate: null });
    expect(row(ALICE).IsDeleted).toBe(false);
    expect(rowsOf('Opportunity')).toHaveLength(before.opps);
    expect(rowsOf('OpportunityHistory')).toHaveLength(before.history);
    expect(rowsOf('OpportunityFieldHistory')).toHaveLength(before.fieldHistory);
    expect(store.children('Opportunity', 'AccountId', GLOBEX)).toHaveLength(0);
    expect(store.children('Opportunity', 'AccountId', ACME).map((r) => r.Id)).toEqual([kept]);
    expect(store.deletedRefs('Contact', '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z')).toEqual([]);
  });

  it('when no rollback is requested, then the writes stay; when the body throws, they are undone', () => {
    const { store, row } = fixture();
    store.transaction(() => store.update('Account', ACME, { Industry: 'Retail' }, ADMIN));
    expect(row(ACME).Industry).toBe('Retail');
    expect(() =>
      store.transaction(() => {
        store.update('Account', ACME, { Industry: 'Banking' }, ADMIN);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(row(ACME).Industry).toBe('Retail');
  });
});

describe('recycle bin', () => {
  it('when an Opportunity is deleted, then it and its cascading children stay in rows() flagged IsDeleted and leave live reads', () => {
    const { store, clock, newOpportunity, rowsOf } = fixture();
    const opp = newOpportunity();
    const role = store.create('OpportunityContactRole', { OpportunityId: opp, ContactId: ALICE, Role: 'Decision Maker', IsPrimary: true }, ADMIN).id!;
    clock.advance(MINUTE);
    expect(store.delete(opp, ADMIN)).toEqual({ id: opp, success: true, errors: [] });
    expect(store.retrieve('Opportunity', opp)).toBeUndefined();
    expect(store.byId(opp)).toMatchObject({ IsDeleted: true, SystemModstamp: '2026-11-27T10:01:00.000+0000' });
    expect(store.byId(role)?.IsDeleted).toBe(true);
    expect(rowsOf('OpportunityHistory').every((h) => h.IsDeleted)).toBe(true);
    expect(store.children('OpportunityContactRole', 'OpportunityId', opp)).toHaveLength(1);
    expect(store.deletedRefs('Opportunity', '2026-11-27T10:00:30Z', '2026-11-27T10:02:00Z')).toEqual([{ id: opp, deletedDate: '2026-11-27T10:01:00.000+0000' }]);
    expect(store.deletedRefs('Opportunity', '2026-11-27T10:02:00Z', '2026-11-27T11:00:00Z')).toEqual([]);
    expect(store.updatedIds('Opportunity', '2026-11-27T00:00:00Z', '2026-11-28T00:00:00Z')).toEqual([]);
  });
});

describe('upsert by external id', () => {
  it('when the key is new, then a record is created; when it exists, that record is updated', () => {
    const { store, row } = fixture();
    const first = store.upsert('Task', 'deal_risk_key__c', 'opp1:mobilizer', { Subject: 'Find a Mobilizer', Priority: 'High' }, ADMIN);
    expect(first).toMatchObject({ success: true, created: true });
    expect(row(first.id!)).toMatchObject({ Deal_Risk_Key__c: 'opp1:mobilizer', IsHighPriority: true });
    const second = store.upsert('Task', 'Deal_Risk_Key__c', 'opp1:mobilizer', { Subject: 'Find a Mobilizer (again)' }, ADMIN);
    expect(second).toEqual({ id: first.id, success: true, errors: [], created: false });
    expect(row(first.id!).Subject).toBe('Find a Mobilizer (again)');
  });

  it('when the field is not an external id, then INVALID_FIELD', () => {
    const { store } = fixture();
    expect(store.upsert('Task', 'Subject', 'x', {}, ADMIN).errors[0]?.statusCode).toBe('INVALID_FIELD');
  });
});

describe('children index', () => {
  it('when a Contact moves to another Account, then children() follows on both sides', () => {
    const { store } = fixture();
    store.update('Contact', ALICE, { AccountId: GLOBEX }, ADMIN);
    expect(store.children('Contact', 'AccountId', ACME)).toHaveLength(0);
    expect(store.children('contact', 'accountid', GLOBEX).map((c) => c.Id)).toEqual([ALICE]);
    // A reference field without a child relationship is indexed on first use.
    expect(store.children('Contact', 'OwnerId', ADMIN).map((c) => c.Id)).toEqual([ALICE]);
    const bob = store.create('Contact', { LastName: 'Bob' }, ADMIN).id!;
    expect(store.children('Contact', 'OwnerId', ADMIN).map((c) => c.Id)).toEqual([ALICE, bob]);
  });
});

describe('loadDataset (trusted system loader)', () => {
  function freshStore() {
    return createRecordStore(createOrgSchema(), createManualClock(T0));
  }

  it('when a dataset carries system fields and history, then they are kept and derived fields are filled', () => {
    const store = freshStore();
    const opp = makeId('006', 7);
    store.loadDataset({
      records: {
        // Out of dependency order on purpose: the loader orders objects itself.
        OpportunityHistory: [{ OpportunityId: opp, StageName: 'Prospecting', Amount: 1000, CreatedDate: '2026-09-01T08:00:00Z' }],
        Opportunity: [
          { Id: opp, Name: 'Old deal', StageName: 'Closed Won', CloseDate: '2026-10-15', Amount: 1000, AccountId: ACME, CreatedDate: '2026-09-01T08:00:00Z', LastStageChangeDate: '2026-10-15T12:00:00Z' },
        ],
        Account: [{ Id: ACME, Name: 'Acme', CreatedById: ADMIN }],
        User: [{ Id: ADMIN, Username: 'a@x.test', LastName: 'Admin', Email: 'a@x.test', Alias: 'a' }],
      },
    });
    expect(store.byId(opp)).toMatchObject({
      IsClosed: true,
      IsWon: true,
      Probability: 100,
      ForecastCategoryName: 'Closed',
      CreatedDate: '2026-09-01T08:00:00.000+0000',
      LastModifiedDate: '2026-09-01T08:00:00.000+0000',
      SystemModstamp: '2026-09-01T08:00:00.000+0000',
      LastStageChangeDate: '2026-10-15T12:00:00.000+0000',
      CreatedById: ADMIN,
      OwnerId: ADMIN,
    });
    expect([...store.rows('OpportunityHistory')][0]).toMatchObject({ OpportunityId: opp, CreatedDate: '2026-09-01T08:00:00.000+0000', IsDeleted: false });
    expect(store.children('OpportunityHistory', 'OpportunityId', opp)).toHaveLength(1);
    expect(store.byId(ADMIN)).toMatchObject({ Name: 'Admin', CreatedById: ADMIN, CreatedDate: T0_WIRE });
  });

  it('when a reference points nowhere, then loading fails naming the object, index and field', () => {
    const store = freshStore();
    const load = () =>
      store.loadDataset({ records: { Account: [{ Name: 'Acme' }], Contact: [{ LastName: 'A' }, { LastName: 'B', AccountId: makeId('001', 99) }] } });
    expect(load).toThrow(DatasetLoadError);
    expect(load).toThrow(`Dataset Contact[1]: AccountId ${makeId('001', 99)} does not exist`);
  });

  it('when a record has an unknown field or a bad value, then loading fails with a clear message', () => {
    expect(() => freshStore().loadDataset({ records: { Account: [{ Name: 'Acme', Revenue: 5 }] } })).toThrow("Dataset Account[0]: no such field 'Revenue'");
    expect(() => freshStore().loadDataset({ records: { Opportunity: [{ Name: 'A', StageName: 'Won', CloseDate: '2026-01-01' }] } })).toThrow(/Opportunity\[0\]: StageName/);
    expect(() => freshStore().loadDataset({ records: { Widget: [] } })).toThrow(/unknown object Widget/);
  });

  it('when the dataset defines OpportunityStage rows, then they replace the built-in picklist for derivations and writes', () => {
    const store = freshStore();
    expect([...store.rows('OpportunityStage')]).toHaveLength(10);
    store.loadDataset({
      records: {
        User: [{ Id: ADMIN, Username: 'a@x.test', LastName: 'Admin', Email: 'a@x.test', Alias: 'a' }],
        OpportunityStage: [
          { MasterLabel: 'Discover', ApiName: 'Discover', IsActive: true, SortOrder: 1, DefaultProbability: 15, ForecastCategoryName: 'Pipeline' },
          { MasterLabel: 'Signed', ApiName: 'Signed', IsActive: true, SortOrder: 2, IsClosed: true, IsWon: true, DefaultProbability: 100, ForecastCategoryName: 'Closed' },
        ],
      },
    });
    expect([...store.rows('OpportunityStage')].map((s) => s.MasterLabel)).toEqual(['Discover', 'Signed']);
    expect(store.picklistValues('Opportunity', 'StageName')).toEqual(['Discover', 'Signed']);
    expect(store.picklistValues('OpportunityHistory', 'StageName')).toEqual(['Discover', 'Signed']);
    // The org's stages are its data: the schema keeps the standard picklist.
    expect(store.schema.field('Opportunity', 'StageName')?.picklistValues).toEqual(STANDARD_STAGES.map((s) => s.name));
    const id = store.create('Opportunity', { Name: 'A', StageName: 'Discover', CloseDate: '2026-12-31' }, ADMIN).id!;
    expect(store.byId(id)).toMatchObject({ Probability: 15, IsClosed: false });
    expect(store.update('Opportunity', id, { StageName: 'Signed' }, ADMIN).success).toBe(true);
    expect(store.byId(id)).toMatchObject({ IsWon: true, ForecastCategory: 'Closed' });
    expect(store.update('Opportunity', id, { StageName: 'Prospecting' }, ADMIN).errors[0]?.statusCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  it('when a dataset loads deleted rows and activities, then the recycle bin and activity roll-ups reflect them', () => {
    const store = freshStore();
    const opp = makeId('006', 1);
    store.loadDataset({
      records: {
        User: [{ Id: ADMIN, Username: 'a@x.test', LastName: 'Admin', Email: 'a@x.test', Alias: 'a' }],
        Opportunity: [{ Id: opp, Name: 'A', StageName: 'Qualification', CloseDate: '2026-12-31' }],
        Task: [
          { Subject: 'Old call', WhatId: opp, Status: 'Completed', ActivityDate: '2026-11-02' },
          { Subject: 'Gone', WhatId: opp, IsDeleted: true, SystemModstamp: '2026-11-20T00:00:00Z' },
        ],
      },
    });
    expect(store.byId(opp)).toMatchObject({ LastActivityDate: '2026-11-02', HasOpenActivity: false });
    expect(store.deletedRefs('Task', '2026-11-19T00:00:00Z', '2026-11-21T00:00:00Z')).toHaveLength(1);
  });
});
