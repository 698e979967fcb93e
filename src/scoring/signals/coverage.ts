import type { ContactFact, NotAssessed } from '../assessment.js';
import type { DealFacts } from '../deal-facts.js';
import { DAY_MS, isoDate } from '../time.js';
import { listWords, plural } from '../wording.js';
import type { SignalSink } from './sink.js';

const names = (contacts: readonly ContactFact[]): string => contacts.map((c) => `${c.name} (${c.id})`).join(', ');

function disengaged(deal: DealFacts, out: SignalSink): void {
  const { contacts, mobilizers } = deal;
  const cfg = out.cfg.MOBILIZER_DISENGAGED;
  const lastMsOf = (c: ContactFact): number => deal.lastCustomerMs[contacts.indexOf(c)]!;
  const since = deal.todayMs - cfg.withinDays * DAY_MS;
  if (mobilizers.some((m) => lastMsOf(m) >= since)) return;
  const lastMs = Math.max(...mobilizers.map(lastMsOf));
  const last = Number.isFinite(lastMs) ? `last on ${isoDate(lastMs)}` : 'never so far';
  const who = mobilizers.map((m) => `${m.name} (${m.profile ?? ''})`).join(', ');
  out.fire(
    'MOBILIZER_DISENGAGED',
    cfg.points,
    `${mobilizers.length === 1 ? 'Mobilizer' : 'Mobilizers'} ${who} took part in no customer activity in the last ${cfg.withinDays} days (${last}).`,
    mobilizers.map((m) => m.id),
  );
}

/**
 * NO_MOBILIZER, MOBILIZER_DISENGAGED, PROFILES_MISSING and BLOCKER_UNOPPOSED. A known Mobilizer is
 * judged on engagement. Without one, the absence of a Mobilizer is judged only when at least
 * `profiles.minProfiledShare` of the contacts are profiled; else the deal is asked to profile the
 * rest (PROFILES_MISSING), since an org that records no profiles shows nothing about its deals.
 */
export function coverageSignals(deal: DealFacts, out: SignalSink): NotAssessed[] {
  const { contacts, mobilizers, blockers, playbook } = deal;
  const cfg = out.cfg;
  if (mobilizers.length > 0) {
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
    out.fire('NO_MOBILIZER', cfg.NO_MOBILIZER.points, `${who}: find a ${listWords(playbook.profiles.mobilizer)} who can drive the change.`, contacts.map((c) => c.id));
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

/** SINGLE_THREADED: fewer than `minContacts` contacts on the deal. */
export function threadingSignals(deal: DealFacts, out: SignalSink): void {
  const { contacts } = deal;
  const cfg = out.cfg.SINGLE_THREADED;
  if (out.on('SINGLE_THREADED') && contacts.length < cfg.minContacts) {
    const who = contacts.length === 0 ? 'No contacts on the deal' : `Only ${plural(contacts.length, 'contact')} on the deal (${contacts.map((c) => c.name).join(', ')})`;
    out.fire('SINGLE_THREADED', cfg.points, `${who}; deals with fewer than ${cfg.minContacts} hang on a single thread.`, contacts.map((c) => c.id));
  }
}
