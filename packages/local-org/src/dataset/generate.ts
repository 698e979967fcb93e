/**
 * The demo org behind `dealrisk org start --dataset demo`: a deterministic, research-shaped
 * Salesforce org of N opportunities with their accounts, contacts, contact roles, histories and
 * activities. Pure: the same options give a byte-identical dataset (no Math.random, no clock).
 */
import { Faker, base, en, generateMersenne53Randomizer } from '@faker-js/faker';
import type { DatasetFile } from '../model.js';
import { makeActivities } from './activities.js';
import { type DealActivities, makeSharedActivities } from './shared-activities.js';
import { chooseDealContacts, makeContactRoles } from './contact-roles.js';
import { IdSequences } from './ids.js';
import { makeOpportunity } from './opportunity.js';
import { makeAccount, makeOrganization, makeUsers, type AccountPlan, type UserDirectory } from './people.js';
import { createRandom, type Random } from './random.js';
import {
  DEAL_OWNED_BY_ACCOUNT_OWNER_RATE,
  DEAL_TRAITS,
  MIN_REPS,
  OPPORTUNITIES_PER_ACCOUNT,
  OPPORTUNITIES_PER_REP,
  PROFILE_WEIGHTS,
} from './research.js';
import { standardStageRows } from '../schema/standard-objects.js';
import { planTimeline } from './timeline.js';
import { DAY, HOUR, startOfDay, toDateTime, wholeSecond } from './time.js';

type Row = Record<string, unknown>;

export interface DemoDatasetOptions {
  /** How many opportunities (default 2,000); accounts, contacts, users and activities scale with it. */
  opportunities?: number;
  /** Same seed and asOf → the same org (default 1). */
  seed?: number;
  /** The org's "now": every generated timestamp is at or before it. */
  asOf: Date;
}


const PRODUCTS = ['Platform Subscription', 'Analytics Add-on', 'Enterprise Upgrade', 'Services Package', 'Expansion', 'Pilot'] as const;

/** Generates the demo org. Throws a RangeError for a negative or fractional count or an invalid date. */
export function generateDemoDataset(options: DemoDatasetOptions): DatasetFile {
  const opportunityCount = options.opportunities ?? 2000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(opportunityCount) || opportunityCount < 0) throw new RangeError(`opportunities must be a whole number ≥ 0, got ${opportunityCount}`);
  if (Number.isNaN(options.asOf.getTime())) throw new RangeError('asOf is not a valid date');
  const asOfMs = wholeSecond(options.asOf.getTime());

  const rng = createRandom(seed);
  const faker = seededFaker(seed);
  const ids = new IdSequences();

  const organization = makeOrganization(ids);
  const users = makeUsers(ids, faker, Math.max(MIN_REPS, Math.round(opportunityCount / OPPORTUNITIES_PER_REP)));
  const stages = makeStageRows(ids);
  const accountCount = Math.max(1, Math.round(opportunityCount / OPPORTUNITIES_PER_ACCOUNT));
  const accounts = Array.from({ length: accountCount }, () => makeAccount(ids, faker, rng, rng.pick(users.repIds)));

  const deals = makeDeals(ids, rng, accounts, users, opportunityCount, asOfMs);
  // Its own random stream: the rest of the org is the same as before shared activities were added.
  const shared = makeSharedActivities(ids, createRandom(seed + 104_729), deals.perDeal, users.repIds.length > 0 ? users.repIds : [users.integrationUserId], asOfMs);
  const orgCreatedAt = datePeopleAndAccounts(rng, accounts, deals.accountFacts, asOfMs);
  organization.CreatedDate = toDateTime(orgCreatedAt);
  users.rows.forEach((user, index) => {
    user.CreatedDate = toDateTime(index === 0 ? orgCreatedAt + HOUR : wholeSecond(orgCreatedAt + rng.float(1, 10) * DAY));
  });
  for (const stage of stages) stage.CreatedDate = toDateTime(orgCreatedAt);

  return {
    asOf: options.asOf.toISOString(),
    records: {
      Organization: [organization],
      User: users.rows,
      OpportunityStage: stages,
      Account: accounts.map((account) => account.row),
      Contact: accounts.flatMap((account) => account.contacts.map((contact) => contact.row)),
      Lead: shared.leads,
      Opportunity: deals.opportunities,
      OpportunityContactRole: deals.contactRoles,
      OpportunityHistory: deals.history,
      OpportunityFieldHistory: deals.fieldHistory,
      Task: [...deals.tasks, ...shared.leadTasks],
      Event: deals.events,
      TaskRelation: shared.taskRelations,
      EventRelation: shared.eventRelations,
    },
  };
}

/**
 * A nearly empty org for `--dataset empty`: the Organization, the integration user and the stage
 * picklist, created the day before asOf.
 */
export function generateEmptyDataset(options: { asOf: Date }): DatasetFile {
  const ids = new IdSequences();
  const createdAt = toDateTime(startOfDay(options.asOf.getTime()) - DAY);
  const organization = { ...makeOrganization(ids), CreatedDate: createdAt };
  const users = makeUsers(ids, seededFaker(1), 0);
  const user = { ...users.rows[0]!, CreatedDate: createdAt };
  const stages = makeStageRows(ids).map((stage) => ({ ...stage, CreatedDate: createdAt }));
  return { asOf: options.asOf.toISOString(), records: { Organization: [organization], User: [user], OpportunityStage: stages } };
}

/** Faker with its own seeded randomizer (its default one would seed itself from Math.random). */
function seededFaker(seed: number): Faker {
  return new Faker({ locale: [en, base], randomizer: generateMersenne53Randomizer(seed) });
}

function makeStageRows(ids: IdSequences): Row[] {
  return standardStageRows().map((row) => ({
    Id: ids.next('OpportunityStage'),
    ...row,
    CreatedDate: null, // the org's creation, set by the caller
  }));
}

/** What the deals tell about their account: its first deal's creation and whether it ever bought. */
interface AccountFacts {
  firstDealAt: number;
  hasWon: boolean;
}

interface DealRows {
  opportunities: Row[];
  contactRoles: Row[];
  history: Row[];
  fieldHistory: Row[];
  tasks: Row[];
  events: Row[];
  /** Each deal's activities with its contacts, for the shared-activity rows. */
  perDeal: DealActivities[];
  accountFacts: Map<AccountPlan, AccountFacts>;
}

function makeDeals(
  ids: IdSequences,
  rng: Random,
  accounts: readonly AccountPlan[],
  users: UserDirectory,
  count: number,
  asOfMs: number,
): DealRows {
  const out: DealRows = { opportunities: [], contactRoles: [], history: [], fieldHistory: [], tasks: [], events: [], perDeal: [], accountFacts: new Map() };
  for (let i = 0; i < count; i += 1) {
    const account = rng.pick(accounts);
    const profile = rng.weighted(PROFILE_WEIGHTS);
    const traits = DEAL_TRAITS[profile];
    const ownerId = rng.chance(DEAL_OWNED_BY_ACCOUNT_OWNER_RATE) ? account.ownerId : rng.pick(users.repIds);
    const timeline = planTimeline(rng, profile, traits, asOfMs);
    const id = ids.next('Opportunity');
    const name = `${account.name} - ${rng.pick(PRODUCTS)}`;

    const deal = makeOpportunity(ids, rng, { id, name, accountId: account.id, ownerId, timeline, traits, asOfMs });
    const dealContacts = chooseDealContacts(rng, account.contacts, traits);
    const roles = makeContactRoles(ids, rng, id, ownerId, timeline, dealContacts);
    const activities = makeActivities(ids, rng, { opportunityId: id, ownerId, timeline, traits, contacts: dealContacts, verifiers: deal.verifiers, asOfMs });

    out.opportunities.push(deal.opportunity);
    appendAll(out.history, deal.history);
    appendAll(out.fieldHistory, deal.fieldHistory);
    appendAll(out.contactRoles, roles);
    appendAll(out.tasks, activities.tasks);
    appendAll(out.events, activities.events);
    out.perDeal.push({ tasks: activities.tasks, events: activities.events, contacts: dealContacts });

    const facts = out.accountFacts.get(account);
    out.accountFacts.set(account, {
      firstDealAt: Math.min(facts?.firstDealAt ?? Infinity, timeline.createdAt),
      hasWon: (facts?.hasWon ?? false) || profile === 'won',
    });
  }
  return out;
}

/**
 * Accounts exist a while before their first deal, contacts a few days after their account (so
 * before any deal that names them), and the org a month before its first account. Returns the
 * org's creation.
 */
function datePeopleAndAccounts(rng: Random, accounts: readonly AccountPlan[], facts: Map<AccountPlan, AccountFacts>, asOfMs: number): number {
  let earliest = asOfMs;
  for (const account of accounts) {
    const known = facts.get(account);
    const createdAt = wholeSecond(known ? known.firstDealAt - rng.float(15, 365) * DAY : asOfMs - rng.float(30, 900) * DAY);
    earliest = Math.min(earliest, createdAt);
    account.row.CreatedDate = toDateTime(createdAt);
    if (known?.hasWon) account.row.Type = 'Customer - Direct';
    for (const contact of account.contacts) contact.row.CreatedDate = toDateTime(wholeSecond(createdAt + rng.float(0, 10) * DAY));
  }
  return startOfDay(earliest) - 30 * DAY;
}

/** push(...items) without spreading into arguments (large arrays would overflow the stack). */
function appendAll(target: Row[], items: readonly Row[]): void {
  for (const item of items) target.push(item);
}
