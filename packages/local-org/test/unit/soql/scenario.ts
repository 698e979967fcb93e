/**
 * The small org most SOQL tests read: three accounts, five live opportunities (one without an
 * account), one deleted opportunity, contact roles (one deleted), stage history and tasks.
 * The clock stands at Wednesday 2026-05-13 15:30 UTC (Q2; the week runs Sun 10 – Sat 16 May).
 */
import { executeQuery, type QueryResult, type WireRecord } from '../../../src/soql/index.js';
import { fixtureOrg, type FixtureOrg } from '../../support/emulator-fixtures.js';

export const NOW = '2026-05-13T15:30:00.000Z';

export function scenario() {
  const org: FixtureOrg = fixtureOrg(NOW);
  const ada = org.add('User', { Name: 'Ada Owner', Email: 'ada@example.com', IsActive: true });
  const bob = org.add('User', { Name: 'Bob Seller', Email: 'bob@example.com', IsActive: true });
  const acme = org.add('Account', { Name: 'Acme', OwnerId: ada.Id, Industry: 'Energy', AnnualRevenue: 5_000_000 });
  const globex = org.add('Account', { Name: 'Globex', OwnerId: bob.Id, Industry: 'Retail' });
  const initech = org.add('Account', { Name: 'initech', OwnerId: null });
  const gina = org.add('Contact', { FirstName: 'Gina', LastName: 'Go', AccountId: acme.Id, Stakeholder_Profile__c: 'Go-Getter' });
  const sam = org.add('Contact', { FirstName: 'Sam', LastName: 'Skeptic', AccountId: acme.Id, Stakeholder_Profile__c: 'Skeptic' });
  const blake = org.add('Contact', { FirstName: 'Blake', LastName: 'Blocker', AccountId: globex.Id, Stakeholder_Profile__c: 'Blocker' });
  const expansion = org.add('Opportunity', {
    Name: 'Acme Expansion',
    AccountId: acme.Id,
    OwnerId: ada.Id,
    StageName: 'Negotiation/Review',
    Amount: 50_000,
    Probability: 90,
    CloseDate: '2026-05-20',
    IsClosed: false,
    IsWon: false,
    LastStageChangeDate: '2026-05-13T09:00:00.000+0000',
    Deal_Risk_Score__c: 0.7,
    Risk_Flags__c: 'No Mobilizer;Stalled',
  });
  const renewal = org.add('Opportunity', {
    Name: 'Acme Renewal',
    AccountId: acme.Id,
    OwnerId: bob.Id,
    StageName: 'Prospecting',
    Amount: 12_000,
    Probability: 10,
    CloseDate: '2026-05-12',
    IsClosed: false,
    IsWon: false,
    LastStageChangeDate: '2026-05-12T23:59:59.000+0000',
    Deal_Risk_Score__c: 0.2,
    Risk_Flags__c: 'Stalled',
  });
  const pilot = org.add('Opportunity', {
    Name: 'Globex Pilot',
    AccountId: globex.Id,
    OwnerId: bob.Id,
    StageName: 'Closed Won',
    Amount: 8_000,
    Probability: 100,
    CloseDate: '2026-03-31',
    IsClosed: true,
    IsWon: true,
    LastStageChangeDate: '2026-03-31T10:00:00.000+0000',
  });
  const orphan = org.add('Opportunity', {
    Name: 'Orphan Deal',
    OwnerId: ada.Id,
    StageName: 'Qualification',
    Probability: 20,
    CloseDate: '2026-07-01',
    IsClosed: false,
    IsWon: false,
    Risk_Flags__c: 'No Mobilizer',
  });
  const lost = org.add('Opportunity', {
    Name: "initech it's 100% real",
    AccountId: initech.Id,
    OwnerId: ada.Id,
    StageName: 'Closed Lost',
    Amount: 3_000,
    Probability: 0,
    CloseDate: '2025-12-15',
    IsClosed: true,
    IsWon: false,
    Deal_Risk_Score__c: 0.9,
  });
  const deleted = org.add('Opportunity', { Name: 'Deleted Deal', AccountId: acme.Id, OwnerId: ada.Id, StageName: 'Prospecting', Amount: 1, IsClosed: false, IsWon: false });
  org.remove(deleted.Id);

  const ginaRole = org.add('OpportunityContactRole', { OpportunityId: expansion.Id, ContactId: gina.Id, Role: 'Economic Buyer', IsPrimary: true });
  const samRole = org.add('OpportunityContactRole', { OpportunityId: expansion.Id, ContactId: sam.Id, Role: 'Evaluator', IsPrimary: false });
  const blakeRole = org.add('OpportunityContactRole', { OpportunityId: renewal.Id, ContactId: blake.Id, Role: 'Decision Maker', IsPrimary: true });
  const deletedRole = org.add('OpportunityContactRole', { OpportunityId: pilot.Id, ContactId: blake.Id, Role: 'Influencer', IsPrimary: false });
  org.remove(deletedRole.Id);

  org.add('OpportunityHistory', { OpportunityId: expansion.Id, StageName: 'Prospecting', Amount: 40_000, CloseDate: '2026-04-30' });
  org.add('OpportunityHistory', { OpportunityId: expansion.Id, StageName: 'Qualification', Amount: 40_000, CloseDate: '2026-05-15' });
  org.add('OpportunityHistory', { OpportunityId: expansion.Id, StageName: 'Negotiation/Review', Amount: 50_000, CloseDate: '2026-05-20' });

  const call = org.add('Task', { WhatId: expansion.Id, WhoId: gina.Id, Subject: 'Call', ActivityDate: '2026-05-13', Status: 'Completed' });
  const intro = org.add('Task', { WhatId: acme.Id, Subject: 'Intro', Status: 'Open' });

  const run = (soql: string, options: { includeDeleted?: boolean; apiVersion?: number | string } = {}): QueryResult =>
    executeQuery(soql, org, { includeDeleted: options.includeDeleted ?? false, ...(options.apiVersion === undefined ? {} : { apiVersion: options.apiVersion }) });
  const names = (soql: string, options: { includeDeleted?: boolean } = {}): unknown[] => run(soql, options).records.map((r: WireRecord) => r.Name);

  return {
    org,
    run,
    names,
    users: { ada, bob },
    accounts: { acme, globex, initech },
    contacts: { gina, sam, blake },
    opps: { expansion, renewal, pilot, orphan, lost, deleted },
    roles: { ginaRole, samRole, blakeRole, deletedRole },
    tasks: { call, intro },
  };
}

/** Runs `fn` and returns the SoqlError-like error it throws. */
export function errorOf(fn: () => unknown): { errorCode: string; message: string; name: string } {
  try {
    fn();
  } catch (error) {
    return error as { errorCode: string; message: string; name: string };
  }
  throw new Error('expected the query to fail');
}
