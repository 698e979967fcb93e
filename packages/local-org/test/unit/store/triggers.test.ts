import { describe, expect, it } from 'vitest';
import { ADMIN, ACME, ALICE, T0_WIRE, fixture } from './support.js';

const MINUTE = 60_000;

describe('Opportunity triggers', () => {
  it('when an Opportunity is created, then stage facts are derived and one history and one "created" field-history row are written', () => {
    const { newOpportunity, row, rowsOf } = fixture();
    const id = newOpportunity({ StageName: 'Perception Analysis', Amount: 80000 });
    expect(row(id)).toMatchObject({
      IsClosed: false,
      IsWon: false,
      Probability: 70,
      ForecastCategoryName: 'Best Case',
      ForecastCategory: 'BestCase',
      ExpectedRevenue: 56000,
      LastStageChangeDate: null,
      FiscalYear: 2026,
      FiscalQuarter: 4,
      OwnerId: ADMIN,
    });
    expect(rowsOf('OpportunityHistory')).toEqual([
      expect.objectContaining({ OpportunityId: id, StageName: 'Perception Analysis', Amount: 80000, Probability: 70, PrevAmount: null, PrevCloseDate: null, CreatedDate: T0_WIRE, CreatedById: ADMIN }),
    ]);
    expect(rowsOf('OpportunityFieldHistory')).toEqual([expect.objectContaining({ OpportunityId: id, Field: 'created', OldValue: null, NewValue: null })]);
  });

  it('when the Amount changes within a stage, then an extra history row carries PrevAmount and LastStageChangeDate stays', () => {
    const { store, clock, newOpportunity, row, rowsOf } = fixture();
    const id = newOpportunity();
    clock.advance(3 * 24 * 60 * MINUTE);
    expect(store.update('Opportunity', id, { Amount: 65000 }, ADMIN).success).toBe(true);
    const history = rowsOf('OpportunityHistory');
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({ StageName: 'Prospecting', Amount: 65000, PrevAmount: 50000, PrevCloseDate: '2026-12-31', CreatedDate: '2026-11-30T10:00:00.000+0000' });
    expect(row(id).LastStageChangeDate).toBeNull();
    expect(rowsOf('OpportunityFieldHistory').map((h) => [h.Field, h.OldValue, h.NewValue, h.DataType])).toEqual([
      ['created', null, null, 'Text'],
      ['Amount', 50000, 65000, 'Currency'],
    ]);
  });

  it('when the stage changes, then LastStageChangeDate, probability and forecast category follow the new stage', () => {
    const { store, clock, newOpportunity, row, rowsOf } = fixture();
    const id = newOpportunity();
    clock.advance(10 * MINUTE);
    store.update('Opportunity', id, { StageName: 'Negotiation/Review' }, ADMIN);
    expect(row(id)).toMatchObject({ LastStageChangeDate: '2026-11-27T10:10:00.000+0000', Probability: 90, ForecastCategoryName: 'Commit', ForecastCategory: 'Forecast' });
    expect(rowsOf('OpportunityFieldHistory').at(-1)).toMatchObject({ Field: 'StageName', OldValue: 'Prospecting', NewValue: 'Negotiation/Review', DataType: 'DynamicEnum' });
    // A probability given in the same save wins over the stage default.
    store.update('Opportunity', id, { StageName: 'Proposal/Price Quote', Probability: 40 }, ADMIN);
    expect(row(id).Probability).toBe(40);
    store.update('Opportunity', id, { StageName: 'Closed Lost' }, ADMIN);
    expect(row(id)).toMatchObject({ IsClosed: true, IsWon: false, Probability: 0, ForecastCategoryName: 'Omitted' });
    expect(rowsOf('OpportunityHistory').map((h) => h.StageName)).toEqual(['Prospecting', 'Negotiation/Review', 'Proposal/Price Quote', 'Closed Lost']);
  });

  it('when only untracked fields or only Probability change, then history follows Salesforce (Probability: history, no field history)', () => {
    const { store, newOpportunity, rowsOf } = fixture();
    const id = newOpportunity();
    store.update('Opportunity', id, { NextStep: 'Send proposal', Deal_Risk_Score__c: 40 }, ADMIN);
    expect(rowsOf('OpportunityHistory')).toHaveLength(1);
    store.update('Opportunity', id, { Probability: 25 }, ADMIN);
    expect(rowsOf('OpportunityHistory')).toHaveLength(2);
    expect(rowsOf('OpportunityFieldHistory')).toHaveLength(1);
  });

  it('when a close date is pushed, then field history records the old and new dates', () => {
    const { store, newOpportunity, rowsOf } = fixture();
    const id = newOpportunity();
    store.update('Opportunity', id, { CloseDate: '2027-02-15' }, ADMIN);
    expect(rowsOf('OpportunityFieldHistory').at(-1)).toMatchObject({ Field: 'CloseDate', OldValue: '2026-12-31', NewValue: '2027-02-15', DataType: 'Date' });
    expect(rowsOf('OpportunityHistory').at(-1)).toMatchObject({ CloseDate: '2027-02-15', PrevCloseDate: '2026-12-31' });
  });
});

describe('OpportunityContactRole triggers', () => {
  it('when a second contact role is marked primary, then the first one is no longer primary', () => {
    const { store, newOpportunity, row } = fixture();
    const opp = newOpportunity();
    const bob = store.create('Contact', { LastName: 'Bob', AccountId: ACME }, ADMIN).id!;
    const first = store.create('OpportunityContactRole', { OpportunityId: opp, ContactId: ALICE, Role: 'Economic Buyer', IsPrimary: true }, ADMIN).id!;
    const second = store.create('OpportunityContactRole', { OpportunityId: opp, ContactId: bob, Role: 'Influencer', IsPrimary: true }, ADMIN).id!;
    expect([row(first).IsPrimary, row(second).IsPrimary]).toEqual([false, true]);
  });
});

describe('Task and Event triggers', () => {
  it('when a Task is completed and reopened, then IsClosed and CompletedDateTime follow its Status', () => {
    const { store, clock, row } = fixture();
    const id = store.create('Task', { Subject: 'Call Alice', WhoId: ALICE, WhatId: ACME }, ADMIN).id!;
    expect(row(id)).toMatchObject({ Status: 'Not Started', Priority: 'Normal', IsClosed: false, CompletedDateTime: null, TaskSubtype: 'Task', AccountId: ACME });
    clock.advance(MINUTE);
    store.update('Task', id, { Status: 'Completed' }, ADMIN);
    expect(row(id)).toMatchObject({ IsClosed: true, CompletedDateTime: '2026-11-27T10:01:00.000+0000' });
    store.update('Task', id, { Status: 'In Progress' }, ADMIN);
    expect(row(id)).toMatchObject({ IsClosed: false, CompletedDateTime: null });
  });

  it('when activities are logged on an Opportunity, then its LastActivityDate, HasOpenActivity and HasOverdueTask roll up', () => {
    const { store, newOpportunity, row } = fixture();
    const opp = newOpportunity();
    const overdue = store.create('Task', { Subject: 'Send deck', WhatId: opp, ActivityDate: '2026-11-20' }, ADMIN).id!;
    expect(row(opp)).toMatchObject({ HasOpenActivity: true, HasOverdueTask: true, LastActivityDate: null });
    store.update('Task', overdue, { Status: 'Completed' }, ADMIN);
    expect(row(opp)).toMatchObject({ HasOpenActivity: false, HasOverdueTask: false, LastActivityDate: '2026-11-20' });
    store.create('Event', { Subject: 'Demo', WhatId: opp, WhoId: ALICE, StartDateTime: '2026-11-25T15:00:00Z', DurationInMinutes: 60 }, ADMIN);
    expect(row(opp).LastActivityDate).toBe('2026-11-25');
    expect(row(ALICE).LastActivityDate).toBe('2026-11-25');
  });

  it('when an Event has a start and a duration or an end, then the other is derived; without either, REQUIRED_FIELD_MISSING', () => {
    const { store, row } = fixture();
    const a = store.create('Event', { Subject: 'Kick-off', ActivityDateTime: '2026-12-01T09:00:00+01:00', DurationInMinutes: 90 }, ADMIN).id!;
    expect(row(a)).toMatchObject({ StartDateTime: '2026-12-01T08:00:00.000+0000', EndDateTime: '2026-12-01T09:30:00.000+0000', ActivityDate: '2026-12-01', EventSubtype: 'Event' });
    const b = store.create('Event', { Subject: 'Review', StartDateTime: '2026-12-02T10:00:00Z', EndDateTime: '2026-12-02T10:45:00Z' }, ADMIN).id!;
    expect(row(b).DurationInMinutes).toBe(45);
    expect(store.create('Event', { Subject: 'Undated' }, ADMIN).errors[0]?.statusCode).toBe('REQUIRED_FIELD_MISSING');
    expect(store.create('Event', { Subject: 'Open-ended', StartDateTime: '2026-12-02T10:00:00Z' }, ADMIN).errors[0]?.fields).toEqual(['DurationInMinutes']);
  });

  it('when a Contact is created, then its read-only Name is compound', () => {
    const { store, row } = fixture();
    const id = store.create('Contact', { FirstName: 'Bob', LastName: 'Skeptic', AccountId: ACME, Stakeholder_Profile__c: 'Skeptic' }, ADMIN).id!;
    expect(row(id).Name).toBe('Bob Skeptic');
    expect(store.create('Contact', { LastName: 'X', Name: 'Y' }, ADMIN).errors[0]?.statusCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });
});
