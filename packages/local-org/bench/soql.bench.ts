/**
 * SOQL engine sanity bench: 100,000 opportunities with contact roles and stage history in the
 * fixture org, queried the way dealrisk's sync reads them (parent paths + child subqueries),
 * plus a semi-join, a GROUP BY and a sorted LIMIT. Run with `npm run bench`.
 */
import { bench, describe } from 'vitest';
import { executeQuery } from '../src/soql/index.js';
import { fixtureOrg } from '../test/support/emulator-fixtures.js';

const OPPORTUNITIES = 100_000;
const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];
const PROFILES = ['Go-Getter', 'Teacher', 'Skeptic', 'Guide', 'Friend', 'Climber', 'Blocker'];

const org = fixtureOrg('2026-05-13T12:00:00.000Z');
const owner = org.add('User', { Name: 'Owner', Email: 'owner@example.com', IsActive: true });
const accounts = Array.from({ length: 5_000 }, (_, i) => org.add('Account', { Name: `Account ${i}`, OwnerId: owner.Id }));
const contacts = accounts.flatMap((account, i) =>
  [0, 1, 2].map((j) => org.add('Contact', { LastName: `Contact ${i}-${j}`, AccountId: account.Id, Stakeholder_Profile__c: PROFILES[(i + j) % PROFILES.length] })),
);
for (let i = 0; i < OPPORTUNITIES; i += 1) {
  const stage = STAGES[i % STAGES.length]!;
  const opportunity = org.add('Opportunity', {
    Name: `Deal ${i}`,
    AccountId: accounts[i % accounts.length]!.Id,
    OwnerId: owner.Id,
    StageName: stage,
    Amount: 1_000 + (i % 97) * 500,
    CloseDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
    IsClosed: stage.startsWith('Closed'),
    IsWon: stage === 'Closed Won',
  });
  for (let j = 0; j < 2; j += 1) {
    org.add('OpportunityContactRole', { OpportunityId: opportunity.Id, ContactId: contacts[(i * 2 + j) % contacts.length]!.Id, Role: 'Evaluator', IsPrimary: j === 0 });
  }
  for (let j = 0; j < 3; j += 1) {
    org.add('OpportunityHistory', { OpportunityId: opportunity.Id, StageName: STAGES[j]!, Amount: 1_000, CloseDate: '2026-01-01' });
  }
}
const run = (soql: string) => executeQuery(soql, org, { includeDeleted: false });

describe(`SOQL over ${OPPORTUNITIES} opportunities`, () => {
  bench('open deals with account, owner, contact roles and stage history', () => {
    run(
      'SELECT Id, Name, StageName, Amount, CloseDate, Account.Name, Owner.Email, (SELECT Role, IsPrimary, Contact.Stakeholder_Profile__c FROM OpportunityContactRoles), (SELECT StageName, CreatedDate FROM OpportunityHistories ORDER BY CreatedDate) FROM Opportunity WHERE IsClosed = false',
    );
  }, { iterations: 3 });

  bench('semi-join on Mobilizer contact roles', () => {
    run("SELECT Id FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole WHERE Contact.Stakeholder_Profile__c IN ('Go-Getter', 'Teacher', 'Skeptic')) AND IsClosed = false");
  }, { iterations: 3 });

  bench('GROUP BY stage', () => {
    run('SELECT StageName, COUNT(Id), SUM(Amount) FROM Opportunity GROUP BY StageName');
  }, { iterations: 5 });

  bench('ORDER BY a parent path with LIMIT', () => {
    run('SELECT Id, Name FROM Opportunity ORDER BY Account.Name, CloseDate DESC LIMIT 200');
  }, { iterations: 5 });
});
