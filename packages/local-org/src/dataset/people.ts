/**
 * The org's people and companies: the Organization row, Users (the integration user first, then
 * sales reps), Accounts and their Contacts with Challenger stakeholder profiles.
 */
import type { Faker } from '@faker-js/faker';
import type { IdSequences } from './ids.js';
import type { Random } from './random.js';
import {
  ACCOUNT_HAS_BLOCKER_RATE,
  ACCOUNT_HAS_MOBILIZER_RATE,
  BLOCKER_PROFILE,
  CONTACTS_PER_ACCOUNT,
  MOBILIZER_PROFILES,
  OTHER_CONTACT_PROFILE_WEIGHTS,
} from './research.js';

type Row = Record<string, unknown>;

/** The user dealrisk logs in as in the demo org. */
export const INTEGRATION_USER = {
  Username: 'demo@dealrisk.local',
  FirstName: 'Dana',
  LastName: 'Demo',
  Name: 'Dana Demo',
} as const;

const ORGANIZATION_NAME = 'dealrisk Demo Org';

export function makeOrganization(ids: IdSequences): Row {
  return {
    Id: ids.next('Organization'),
    Name: ORGANIZATION_NAME,
    OrganizationType: 'Enterprise Edition',
    IsSandbox: false,
    TimeZoneSidKey: 'GMT',
    LanguageLocaleKey: 'en_US',
    DefaultLocaleSidKey: 'en_US',
    CreatedDate: null, // set once the org's earliest record is known
  };
}

export interface UserDirectory {
  rows: Row[];
  integrationUserId: string;
  repIds: string[];
}

export function makeUsers(ids: IdSequences, faker: Faker, repCount: number): UserDirectory {
  const integrationUserId = ids.next('User');
  const rows: Row[] = [
    userRow(integrationUserId, INTEGRATION_USER.FirstName, INTEGRATION_USER.LastName, INTEGRATION_USER.Username, 'Integration User'),
  ];
  const taken = new Set<string>([INTEGRATION_USER.Username]);
  const repIds: string[] = [];
  for (let i = 0; i < repCount; i += 1) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const id = ids.next('User');
    rows.push(userRow(id, first, last, uniqueUsername(taken, first, last), 'Account Executive'));
    repIds.push(id);
  }
  return { rows, integrationUserId, repIds };
}

function userRow(id: string, first: string, last: string, username: string, title: string): Row {
  return {
    Id: id,
    Username: username,
    FirstName: first,
    LastName: last,
    Name: `${first} ${last}`,
    Email: username,
    Alias: (slug(first).slice(0, 1) + slug(last)).slice(0, 8),
    Title: title,
    IsActive: true,
    TimeZoneSidKey: 'GMT',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
    CreatedDate: null, // set once the org's creation is known
  };
}

function uniqueUsername(taken: Set<string>, first: string, last: string): string {
  const base = `${slug(first)}.${slug(last)}`;
  let candidate = `${base}@dealrisk.local`;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${base}${n}@dealrisk.local`;
  taken.add(candidate);
  return candidate;
}

/** Lower-case ASCII letters and digits only, for user names, e-mail addresses and domains. */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface ContactPlan {
  id: string;
  profile: string | null;
  row: Row;
}

export interface AccountPlan {
  id: string;
  name: string;
  ownerId: string;
  row: Row;
  contacts: ContactPlan[];
}

const INDUSTRIES = [
  'Banking', 'Biotechnology', 'Communications', 'Construction', 'Consulting', 'Education', 'Electronics',
  'Energy', 'Engineering', 'Finance', 'Healthcare', 'Hospitality', 'Insurance', 'Manufacturing', 'Media',
  'Retail', 'Technology', 'Telecommunications', 'Transportation', 'Utilities',
] as const;

const TITLES = [
  'Chief Financial Officer', 'Chief Operating Officer', 'VP of Operations', 'VP of Sales', 'VP Engineering',
  'Director of IT', 'Director of Finance', 'Head of Procurement', 'Procurement Manager', 'IT Manager',
  'Operations Manager', 'Business Analyst', 'Solutions Architect', 'Controller', 'Program Manager',
] as const;

/** An account with 3–8 contacts; account and contact creation dates are filled in later. */
export function makeAccount(ids: IdSequences, faker: Faker, rng: Random, ownerId: string): AccountPlan {
  const id = ids.next('Account');
  const name = faker.company.name();
  const domain = `${slug(name).slice(0, 30)}.example.com`;
  const employees = Math.round(rng.logNormal(400, 1.2)) + 10;
  const row: Row = {
    Id: id,
    Name: name,
    Type: 'Prospect', // becomes a customer once a deal is won
    Industry: rng.pick(INDUSTRIES),
    BillingCity: faker.location.city(),
    BillingState: faker.location.state({ abbreviated: true }),
    BillingCountry: 'United States',
    Phone: faker.phone.number({ style: 'national' }),
    Website: `https://www.${domain}`,
    NumberOfEmployees: employees,
    AnnualRevenue: Math.round(employees * rng.float(80_000, 250_000) / 1000) * 1000,
    OwnerId: ownerId,
    CreatedById: ownerId,
    CreatedDate: null,
  };
  const contacts = contactProfiles(rng).map((profile) => makeContact(ids, faker, rng, id, ownerId, domain, profile));
  return { id, name, ownerId, row, contacts };
}

/** Most accounts hold a Mobilizer and many a Blocker; the rest are Talkers or unprofiled. */
function contactProfiles(rng: Random): (string | null)[] {
  const count = rng.int(CONTACTS_PER_ACCOUNT[0], CONTACTS_PER_ACCOUNT[1]);
  const profiles: (string | null)[] = [];
  if (rng.chance(ACCOUNT_HAS_MOBILIZER_RATE)) profiles.push(rng.pick(MOBILIZER_PROFILES));
  if (rng.chance(ACCOUNT_HAS_BLOCKER_RATE)) profiles.push(BLOCKER_PROFILE);
  while (profiles.length < count) profiles.push(rng.weighted(OTHER_CONTACT_PROFILE_WEIGHTS));
  return rng.shuffled(profiles);
}

function makeContact(
  ids: IdSequences,
  faker: Faker,
  rng: Random,
  accountId: string,
  ownerId: string,
  domain: string,
  profile: string | null,
): ContactPlan {
  const id = ids.next('Contact');
  const first = faker.person.firstName();
  const last = faker.person.lastName();
  const row: Row = {
    Id: id,
    AccountId: accountId,
    FirstName: first,
    LastName: last,
    Name: `${first} ${last}`,
    Title: rng.pick(TITLES),
    Email: `${slug(first)}.${slug(last)}@${domain}`,
    Phone: faker.phone.number({ style: 'national' }),
    Stakeholder_Profile__c: profile,
    OwnerId: ownerId,
    CreatedById: ownerId,
    CreatedDate: null,
  };
  return { id, profile, row };
}
