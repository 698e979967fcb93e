/**
 * The numbers that shape the demo org, in one place. They encode what sales research reports
 * (see /shared/seed: "it takes 65% longer to lose a deal than to win one"; Challengers win by
 * verifying customer behaviour and finding Mobilizers) so that dealrisk's scoring has something
 * real to find. Each deal gets a profile first; its profile decides how it behaves.
 */
/** won/lost: closed in the last two years; healthy/stalled: still open today. */
export type DealProfile = 'won' | 'lost' | 'healthy' | 'stalled';

/**
 * ~35% of deals open, ~65% closed; ~40% of closed deals won (a typical B2B win rate). Of the open
 * deals about a third are stalled "garbage trucks" that reps keep chasing.
 */
export const PROFILE_WEIGHTS: readonly (readonly [DealProfile, number])[] = [
  ['won', 0.65 * 0.4],
  ['lost', 0.65 * 0.6],
  ['healthy', 0.35 * 0.65],
  ['stalled', 0.35 * 0.35],
];

/** Closed deals closed within this many days before asOf. */
export const CLOSED_WITHIN_DAYS = 730;

/**
 * Median days a WON deal spends in each open stage (index = OPEN_STAGES index): an ~87-day
 * mid-market cycle, longer where the customer must do work (business case, negotiation).
 */
export const WON_MEDIAN_DAYS_IN_STAGE: readonly number[] = [6, 9, 12, 14, 10, 9, 12, 15];

/**
 * The TAS Group figure quoted in the seed article: losing takes 65% longer than winning. Lost
 * deals linger this much longer in every stage they are in; for the WHOLE cycle (created to
 * closed) to be 65% longer as well, they must also cover as much pipeline as won deals do, which
 * LOST_FURTHEST_STAGE_WEIGHTS and LOST_REGRESSIONS see to.
 */
export const LOST_LINGER_FACTOR = 1.65;

/** Spread of days-in-stage around the median (log-normal sigma): real stage times are skewed. */
export const DAYS_IN_STAGE_SIGMA = 0.55;
/** Shortest stage stay, and the cap as a multiple of the median (keeps tails plausible). */
export const MIN_DAYS_IN_STAGE = 0.25;
export const MAX_DAYS_IN_STAGE_FACTOR = 6;

/** An open deal's time in its current stage so far, as a multiple of the won median. */
export const CURRENT_STAGE_AGE_FACTOR: Record<'healthy' | 'stalled', readonly [number, number]> = {
  // Healthy deals are inside the won benchmark.
  healthy: [0.05, 1.2],
  // Garbage trucks sit far past it, which is what dealrisk should flag.
  stalled: [2.5, 6],
};

/** Deals often enter at Qualification when marketing already qualified the lead. */
export const START_IN_QUALIFICATION_RATE = 0.3;
/** Reps skip a middle stage now and then (e.g. straight from Needs Analysis to Id. Decision Makers). */
export const STAGE_SKIP_RATE = 0.1;

/** [count, weight] pairs. */
type CountWeights = readonly (readonly [number, number])[];

/**
 * Where lost deals die (the last open stage before Closed Lost): mostly late, lost to a competitor
 * or to "no decision" once a proposal is out (the demo assumes early disqualification mostly
 * happens to Leads, before there is an Opportunity). Why late: with mostly early deaths lost deals
 * took only ~0.64x as long as won ones over the whole cycle (measured), however long they lingered
 * per stage, against the research's 1.65x.
 */
export const LOST_FURTHEST_STAGE_WEIGHTS: readonly number[] = [0.03, 0.04, 0.05, 0.08, 0.1, 0.15, 0.25, 0.3];
/**
 * How often a lost deal slips back a stage and comes forward again (a new stakeholder, the business
 * case reopened, redlines) before the rep gives up: chasing a garbage truck. With the late deaths
 * above this brings the whole-cycle lost/won median to ~1.65x (measured 1.64-1.71 on seeds 1-3 at
 * 2,000 opportunities) while each stage stay stays ~1.65x. Time per stage summed over a deal's
 * visits is then ~2x the won median: a lost deal spends longer in a stage it keeps returning to.
 */
export const LOST_REGRESSIONS: CountWeights = [[0, 0.4], [1, 0.3], [2, 0.3]];
/** The current stage of open deals: a funnel, wider at the top. */
export const OPEN_CURRENT_STAGE_WEIGHTS: readonly number[] = [0.2, 0.18, 0.15, 0.13, 0.1, 0.08, 0.09, 0.07];

/** How a deal of one profile behaves. Ranges are [min, max] for a deal that ran the full pipeline. */
export interface DealTraits {
  /** Multiplier on the won median days in each earlier stage. */
  lingerFactor: number;
  /** Chance the seller found a Mobilizer (Go-Getter, Teacher, Skeptic) and made them a contact role. */
  mobilizerRate: number;
  /** Chance a Blocker is among the contact roles. */
  blockerRate: number;
  /** Chance of a single contact role. */
  singleThreadedRate: number;
  /** Chance each customer verifier (success criteria, business case, proposal review) is recorded once its stage is reached. */
  verifierRate: number;
  /** Meetings the customer attended (Events, Type 'Meeting', with a contact). */
  customerMeetings: readonly [number, number];
  /** Customer email replies (Tasks 'Re: …'). */
  customerReplies: readonly [number, number];
  /** Seller-only touches: voicemails, follow-up emails, internal reviews. */
  sellerTouches: readonly [number, number];
  /** Internal meetings without the customer. */
  internalEvents: readonly [number, number];
  /** How many times the close date is pushed later. */
  closeDatePushes: CountWeights;
  /** How many times the amount changes inside a stage. */
  amountChanges: CountWeights;
  /** How many times the deal goes back a stage and then forward again (a regression). */
  regressions: CountWeights;
  /** Chance the rep overrides the stage's default probability once. */
  probabilityOverrideRate: number;
}

export const DEAL_TRAITS: Record<DealProfile, DealTraits> = {
  // Challenger wins: customer-verified milestones, a Mobilizer, several stakeholders, few pushes.
  won: {
    lingerFactor: 1,
    mobilizerRate: 0.8,
    blockerRate: 0.1,
    singleThreadedRate: 0.1,
    verifierRate: 0.85,
    customerMeetings: [3, 6],
    customerReplies: [3, 8],
    sellerTouches: [2, 5],
    internalEvents: [0, 2],
    closeDatePushes: [[0, 0.6], [1, 0.3], [2, 0.1]],
    amountChanges: [[0, 0.55], [1, 0.35], [2, 0.1]],
    regressions: [[0, 0.95], [1, 0.05]],
    probabilityOverrideRate: 0.05,
  },
  // Losses linger, are single-threaded, meet Blockers, lack verifiers and get pushed repeatedly,
  // while the seller keeps calling (activity without customer behaviour).
  lost: {
    lingerFactor: LOST_LINGER_FACTOR,
    mobilizerRate: 0.2,
    blockerRate: 0.4,
    singleThreadedRate: 0.45,
    verifierRate: 0.3,
    customerMeetings: [0, 2],
    customerReplies: [0, 3],
    sellerTouches: [5, 12],
    internalEvents: [0, 2],
    closeDatePushes: [[0, 0.2], [1, 0.3], [2, 0.3], [3, 0.2]],
    amountChanges: [[0, 0.55], [1, 0.35], [2, 0.1]],
    regressions: LOST_REGRESSIONS,
    probabilityOverrideRate: 0.08,
  },
  // Open and on track: looks like a future win.
  healthy: {
    lingerFactor: 1,
    mobilizerRate: 0.7,
    blockerRate: 0.1,
    singleThreadedRate: 0.15,
    verifierRate: 0.75,
    customerMeetings: [2, 5],
    customerReplies: [2, 6],
    sellerTouches: [2, 6],
    internalEvents: [0, 1],
    closeDatePushes: [[0, 0.65], [1, 0.3], [2, 0.05]],
    amountChanges: [[0, 0.6], [1, 0.3], [2, 0.1]],
    regressions: [[0, 0.93], [1, 0.07]],
    probabilityOverrideRate: 0.05,
  },
  // Open garbage trucks: look like future losses.
  stalled: {
    lingerFactor: LOST_LINGER_FACTOR,
    mobilizerRate: 0.2,
    blockerRate: 0.35,
    singleThreadedRate: 0.5,
    verifierRate: 0.25,
    customerMeetings: [0, 1],
    customerReplies: [0, 2],
    sellerTouches: [4, 10],
    internalEvents: [0, 2],
    closeDatePushes: [[0, 0.15], [1, 0.3], [2, 0.3], [3, 0.25]],
    amountChanges: [[0, 0.6], [1, 0.3], [2, 0.1]],
    regressions: [[0, 0.85], [1, 0.15]],
    probabilityOverrideRate: 0.08,
  },
};

/** A push moves the close date this many days past the later of itself and the day of the push. */
export const CLOSE_DATE_PUSH_DAYS: readonly [number, number] = [14, 60];
/** Stalled deals whose close date is left in the past (nobody updates a dead deal). */
export const STALLED_STALE_CLOSE_DATE_RATE = 0.5;

/** Procurement status of deals that reached Negotiation/Review, by profile. */
export const PROCUREMENT_AT_NEGOTIATION: Record<DealProfile, readonly (readonly [string, number])[]> = {
  won: [['Approved', 0.9], ['In Procurement', 0.1]],
  lost: [['Not Started', 0.3], ['Redlines Returned', 0.4], ['In Procurement', 0.3]],
  healthy: [['In Procurement', 0.5], ['Redlines Returned', 0.3], ['Approved', 0.2]],
  stalled: [['Not Started', 0.5], ['Redlines Returned', 0.5]],
};

/** At Proposal/Price Quote some reps already record that procurement has not started. */
export const PROCUREMENT_NOT_STARTED_AT_PROPOSAL_RATE = 0.5;

/** Open-stage indexes at which each customer verifier becomes possible. */
export const VERIFIER_STAGE = {
  successCriteria: 2, // Needs Analysis
  businessCase: 3, // Value Proposition
  proposalReviewed: 6, // Proposal/Price Quote
  procurement: 7, // Negotiation/Review
} as const;

/** Deal sizes: log-normal around a mid-market median, rounded to hundreds. */
export const AMOUNT_MEDIAN = 24_000;
export const AMOUNT_SIGMA = 0.8;

/** Org shape. */
export const OPPORTUNITIES_PER_ACCOUNT = 3;
export const OPPORTUNITIES_PER_REP = 50;
export const MIN_REPS = 5;
export const CONTACTS_PER_ACCOUNT: readonly [number, number] = [3, 8];
/** Owner of a deal: usually the account owner. */
export const DEAL_OWNED_BY_ACCOUNT_OWNER_RATE = 0.8;

/** Challenger stakeholder profiles (Stakeholder_Profile__c). Mobilizers drive change; Talkers talk. */
export const MOBILIZER_PROFILES = ['Go-Getter', 'Teacher', 'Skeptic'] as const;
export const TALKER_PROFILES = ['Guide', 'Friend', 'Climber'] as const;
export const BLOCKER_PROFILE = 'Blocker';

/**
 * Most accounts have a Mobilizer and many a Blocker somewhere: whether a deal involves them is the
 * seller's doing, which is what separates wins from losses (DealTraits).
 */
export const ACCOUNT_HAS_MOBILIZER_RATE = 0.9;
export const ACCOUNT_HAS_BLOCKER_RATE = 0.6;
/** Profiles of the remaining contacts; null = nobody profiled them. */
export const OTHER_CONTACT_PROFILE_WEIGHTS: readonly (readonly [string | null, number])[] = [
  ['Guide', 0.15],
  ['Friend', 0.18],
  ['Climber', 0.1],
  ['Go-Getter', 0.04],
  ['Teacher', 0.04],
  ['Skeptic', 0.04],
  ['Blocker', 0.05],
  [null, 0.4],
];
