import type { ContactFact } from '../assessment.js';
import type { DealFacts } from '../deal-facts.js';
import { DAY_MS, isoDate } from '../time.js';
import { listWords, plural } from '../wording.js';
import type { SignalSink } from './sink.js';

/** NO_MOBILIZER, MOBILIZER_DISENGAGED, BLOCKER_UNOPPOSED and SINGLE_THREADED: who is on the deal and who took part. */
export function coverageSignals(deal: DealFacts, out: SignalSink): void {
  const { contacts, mobilizers, blockers, playbook } = deal;
  const cfg = out.cfg;
  const lastMsOf = (c: ContactFact): number => deal.lastCustomerMs[contacts.indexOf(c)]!;
  if (mobilizers.length === 0) {
    if (out.on('NO_MOBILIZER')) {
      const who = contacts.length === 0 ? 'No contacts on the deal, so no Mobilizer' : `No Mobilizer among ${plural(contacts.length, 'contact')} (${contacts.map((c) => c.profile ?? 'no profile').join(', ')})`;
      out.fire('NO_MOBILIZER', cfg.NO_MOBILIZER.points, `${who}: find a ${listWords(playbook.profiles.mobilizer)} who can drive the change.`, contacts.map((c) => c.id));
    }
  } else if (out.on('MOBILIZER_DISENGAGED')) {
    const since = deal.todayMs - cfg.MOBILIZER_DISENGAGED.withinDays * DAY_MS;
    if (!mobilizers.some((m) => lastMsOf(m) >= since)) {
      const lastMs = Math.max(...mobilizers.map(lastMsOf));
      const last = Number.isFinite(lastMs) ? `last on ${isoDate(lastMs)}` : 'never so far';
      const names = mobilizers.map((m) => `${m.name} (${m.profile ?? ''})`).join(', ');
      out.fire(
        'MOBILIZER_DISENGAGED',
        cfg.MOBILIZER_DISENGAGED.points,
        `${mobilizers.length === 1 ? 'Mobilizer' : 'Mobilizers'} ${names} took part in no customer activity in the last ${cfg.MOBILIZER_DISENGAGED.withinDays} days (${last}).`,
        mobilizers.map((m) => m.id),
      );
    }
  }
  if (out.on('BLOCKER_UNOPPOSED') && blockers.length > 0 && mobilizers.length === 0) {
    out.fire(
      'BLOCKER_UNOPPOSED',
      cfg.BLOCKER_UNOPPOSED.points,
      `${blockers.length === 1 ? 'Blocker' : 'Blockers'} ${blockers.map((b) => b.name).join(', ')} ${blockers.length === 1 ? 'is' : 'are'} on the deal with no Mobilizer to counter them.`,
      blockers.map((b) => b.id),
    );
  }
  if (out.on('SINGLE_THREADED') && contacts.length < cfg.SINGLE_THREADED.minContacts) {
    const who = contacts.length === 0 ? 'No contacts on the deal' : `Only ${plural(contacts.length, 'contact')} on the deal (${contacts.map((c) => c.name).join(', ')})`;
    out.fire('SINGLE_THREADED', cfg.SINGLE_THREADED.points, `${who}; deals with fewer than ${cfg.SINGLE_THREADED.minContacts} hang on a single thread.`, contacts.map((c) => c.id));
  }
}
