/**
 * OpportunityContactRole rows: which of the account's contacts the seller engaged on a deal.
 * Wins usually include a Mobilizer and several stakeholders; losses are often single-threaded,
 * without a Mobilizer, and with a Blocker.
 */
import { CONTACT_ROLES } from '../schema/standard-objects.js';
import type { IdSequences } from './ids.js';
import type { ContactPlan } from './people.js';
import type { Random } from './random.js';
import { BLOCKER_PROFILE, MOBILIZER_PROFILES, type DealTraits } from './research.js';
import type { DealTimeline } from './timeline.js';
import { instantBetween } from './timeline.js';
import { toDateTime } from './time.js';

type Row = Record<string, unknown>;

/** Mobilizers drive change, so they tend to hold the senior roles. */
const MOBILIZER_ROLES = ['Economic Buyer', 'Decision Maker', 'Executive Sponsor', 'Economic Decision Maker'] as const;
const BLOCKER_ROLES = ['Evaluator', 'Technical Buyer', 'Influencer', 'Decision Maker'] as const;

const isMobilizer = (contact: ContactPlan): boolean => (MOBILIZER_PROFILES as readonly (string | null)[]).includes(contact.profile);
const isBlocker = (contact: ContactPlan): boolean => contact.profile === BLOCKER_PROFILE;

/** Picks the deal's contacts (Mobilizer first when engaged, so they are primary). */
export function chooseDealContacts(rng: Random, contacts: readonly ContactPlan[], traits: DealTraits): ContactPlan[] {
  const size = rng.chance(traits.singleThreadedRate) ? 1 : rng.int(2, Math.min(5, contacts.length));
  const mobilizers = contacts.filter(isMobilizer);
  const blockers = contacts.filter(isBlocker);
  const others = rng.shuffled(contacts.filter((contact) => !isMobilizer(contact) && !isBlocker(contact)));

  const chosen: ContactPlan[] = [];
  if (mobilizers.length > 0 && rng.chance(traits.mobilizerRate)) chosen.push(rng.pick(mobilizers));
  if (blockers.length > 0 && chosen.length < size && rng.chance(traits.blockerRate)) chosen.push(rng.pick(blockers));
  for (const contact of others) {
    if (chosen.length >= size) break;
    chosen.push(contact);
  }
  // An account of only Mobilizers and Blockers: fall back to one of them rather than no contact.
  if (chosen.length === 0) chosen.push(rng.pick(contacts));
  return chosen;
}

export function makeContactRoles(
  ids: IdSequences,
  rng: Random,
  opportunityId: string,
  ownerId: string,
  timeline: DealTimeline,
  dealContacts: readonly ContactPlan[],
): Row[] {
  const firstRun = timeline.runs[0]!;
  return dealContacts.map((contact, index) => ({
    Id: ids.next('OpportunityContactRole'),
    OpportunityId: opportunityId,
    ContactId: contact.id,
    Role: isMobilizer(contact) ? rng.pick(MOBILIZER_ROLES) : isBlocker(contact) ? rng.pick(BLOCKER_ROLES) : rng.pick(CONTACT_ROLES),
    IsPrimary: index === 0,
    CreatedById: ownerId,
    CreatedDate: toDateTime(instantBetween(rng, firstRun.start, firstRun.end, 0, 0.8)),
  }));
}
