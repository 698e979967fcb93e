import type { ContactFact, NotAssessed } from '../assessment.js';
import type { InputCalibration } from '../benchmark-types.js';
import type { DealFacts } from '../deal-facts.js';
import { DAY_MS, isoDate } from '../time.js';
import { plural } from '../wording.js';
import type { SignalSink } from './sink.js';

const names = (contacts: readonly ContactFact[]): string => contacts.map((c) => `${c.name} (${c.id})`).join(', ');

/** The deal's stage in the playbook, undefined when unknown. */
const stageOf = (deal: DealFacts) => (deal.stageIndex === undefined ? undefined : deal.playbook.stages.open[deal.stageIndex]);

/** Days of the stage's engagement window (the stage's own, else MOBILIZER_DISENGAGED.withinDays). */
function engagementDays(deal: DealFacts): number {
  return stageOf(deal)?.engagementWithinDays ?? deal.playbook.signals.MOBILIZER_DISENGAGED.withinDays;
}

function disengaged(deal: DealFacts, out: SignalSink): void {
  const { contacts, mobilizers } = deal;
  const cfg = out.cfg.MOBILIZER_DISENGAGED;
  const within = engagementDays(deal);
  const since = deal.todayMs - within * DAY_MS;
  let lastMs = -Infinity;
  contacts.forEach((c, i) => {
    if (c.group === 'mobilizer' && deal.lastCustomerMs[i]! > lastMs) lastMs = deal.lastCustomerMs[i]!;
  });
  if (lastMs >= since) return;
  const last = Number.isFinite(lastMs) ? `last on ${isoDate(lastMs)}` : 'never so far';
  const who = mobilizers.map((m) => `${m.name} (${m.profile ?? ''})`).join(', ');
  out.fire(
    'MOBILIZER_DISENGAGED',
    cfg.points,
    `${mobilizers.length === 1 ? 'Mobilizer' : 'Mobilizers'} ${who} took part in no customer activity in the last ${within} days (${last}).`,
    mobilizers.map((m) => m.id),
  );
}

/**
 * NO_MOBILIZER, MOBILIZER_DISENGAGED, PROFILES_MISSING and BLOCKER_UNOPPOSED. A known Mobilizer is
 * judged on engagement. Without one, the absence of a Mobilizer is judged only when at least
 * `profiles.minProfiledShare` of the contacts are profiled; else the deal is asked to profile the
 * rest (PROFILES_MISSING), since an org that records no profiles shows nothing about its deals.
 */
export function coverageSignals(deal: DealFacts, out: SignalSink, engagement: InputCalibration | undefined): NotAssessed[] {
  const { contacts, mobilizers, blockers, playbook } = deal;
  const cfg = out.cfg;
  if (mobilizers.length > 0) {
    if (engagement?.calibrated === false) return [{ code: 'MOBILIZER_DISENGAGED', reason: NO_ENGAGEMENT }];
    if (out.on('MOBILIZER_DISENGAGED')) disengaged(deal, out);
    return [];
  }
  const unprofiled = contacts.filter((c) => c.group === 'unknown');
  const profiled = contacts.length - unprofiled.length;
  // A deal with no contacts at all lacks a Mobilizer for certain: that is the deal's gap, not the org's.
  if (contacts.length > 0 && profiled < playbook.profiles.minProfiledShare * contacts.length - 1e-9) {
    const why = `Only ${profiled} of ${plural(contacts.length, 'contact')} profiled (at least ${Math.round(playbook.profiles.minProfiledShare * 100)}% needed)`;
    if (out.on('PROFILES_MISSING')) {
      const these = unprofiled.length === 1 ? 'this contact' : `these ${unprofiled.length} contacts`;
      out.fire('PROFILES_MISSING', cfg.PROFILES_MISSING.points, `${why}, so Mobilizer coverage is not assessed: profile ${these}: ${names(unprofiled)}.`, unprofiled.map((c) => c.id));
    }
    const notAssessed: NotAssessed[] = [{ code: 'NO_MOBILIZER', reason: `${why}.` }];
    if (blockers.length > 0) notAssessed.push({ code: 'BLOCKER_UNOPPOSED', reason: `${why}.` });
    return notAssessed;
  }
  if (out.on('NO_MOBILIZER')) {
    const who = contacts.length === 0 ? 'No contacts on the deal, so no Mobilizer' : `No Mobilizer among ${plural(contacts.length, 'contact')} (${contacts.map((c) => c.profile ?? 'no profile').join(', ')})`;
    out.fire('NO_MOBILIZER', cfg.NO_MOBILIZER.points, `${who}: find a ${deal.pb.mobilizerWords} who can drive the change.`, contacts.map((c) => c.id));
  }
  if (out.on('BLOCKER_UNOPPOSED') && blockers.length > 0) {
    out.fire(
      'BLOCKER_UNOPPOSED',
      cfg.BLOCKER_UNOPPOSED.points,
      `${blockers.length === 1 ? 'Blocker' : 'Blockers'} ${blockers.map((b) => b.name).join(', ')} ${blockers.length === 1 ? 'is' : 'are'} on the deal with no Mobilizer to counter them.`,
      blockers.map((b) => b.id),
    );
  }
  return [];
}

const NO_ENGAGEMENT = 'No won deal in the benchmark window shows customer activity (meetings, replies), so engagement is not judged.';

/** Names of the buyer contacts who took part in customer activity since `sinceMs`: deal contacts and other participants. */
function engagedSince(deal: DealFacts, sinceMs: number): { ids: string[]; names: string[] } {
  const ids: string[] = [];
  const names: string[] = [];
  deal.contacts.forEach((c, i) => {
    if (deal.lastCustomerMs[i]! < sinceMs) return;
    ids.push(c.id);
    names.push(c.name);
  });
  for (const [id, ms] of deal.otherLastCustomerMs) {
    if (ms < sinceMs) continue;
    ids.push(id);
    names.push(id);
  }
  return { ids, names };
}

/** What the stage expects of engagement, in words. */
const expects = (stage: string | undefined, min: number): string => `${stage ?? 'a deal'} expects at least ${min}`;

/**
 * SINGLE_THREADED: fewer distinct buyer contacts engaged in the stage's engagement window than the
 * stage expects (`minEngagedContacts`, else `minContacts`). Engaged means taking part in customer
 * activity, as primary contact or as any other participant, whether or not the person holds a
 * contact role. Where the org logs no customer activity at all, contact roles are counted instead.
 */
export function threadingSignals(deal: DealFacts, out: SignalSink, engagement: InputCalibration | undefined): void {
  if (!out.on('SINGLE_THREADED')) return;
  const cfg = out.cfg.SINGLE_THREADED;
  const stage = stageOf(deal);
  const min = stage?.minEngagedContacts ?? cfg.minContacts;
  const { contacts } = deal;
  if (engagement?.calibrated === false) {
    if (contacts.length >= min) return;
    const who = contacts.length === 0 ? 'No contacts on the deal' : `Only ${plural(contacts.length, 'contact')} on the deal (${contacts.map((c) => c.name).join(', ')})`;
    out.fire('SINGLE_THREADED', cfg.points, `${who}; ${expects(stage?.name, min)}.`, contacts.map((c) => c.id));
    return;
  }
  const within = engagementDays(deal);
  const sinceMs = deal.todayMs - within * DAY_MS;
  // Count first; names are built only for the deals that fire.
  let count = 0;
  for (const ms of deal.lastCustomerMs) if (ms >= sinceMs) count++;
  for (const ms of deal.otherLastCustomerMs.values()) if (ms >= sinceMs) count++;
  if (count >= min) return;
  const engaged = engagedSince(deal, sinceMs);
  const who = engaged.ids.length === 0 ? 'No buyer contact' : `Only ${plural(engaged.ids.length, 'buyer contact')} (${engaged.names.join(', ')})`;
  out.fire('SINGLE_THREADED', cfg.points, `${who} took part in customer activity in the last ${within} days; ${expects(stage?.name, min)}.`, engaged.ids);
}
