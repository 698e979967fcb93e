import type { LocalOrg } from '@dealrisk/local-org';

/**
 * A day of changes in the demo org, made by a sales rep (not the integration user, whose own
 * writes an incremental run skips): a customer meeting logged on one open deal, another deal won.
 * Returns what changed, in words.
 */
export function simulateDay(org: LocalOrg): string[] {
  const rep = [...org.store.rows('User')].find((user) => user.Id !== org.userId && user.IsActive !== false);
  const actor = String(rep?.Id ?? org.userId);
  const open = [...org.store.rows('Opportunity')].filter((o) => o.IsClosed === false && !o.IsDeleted);
  const changes: string[] = [];
  const met = open.find((o) => [...org.store.rows('OpportunityContactRole')].some((role) => role.OpportunityId === o.Id));
  if (met) {
    const role = [...org.store.rows('OpportunityContactRole')].find((r) => r.OpportunityId === met.Id)!;
    const start = new Date();
    org.store.create(
      'Event',
      { WhatId: met.Id, WhoId: role.ContactId, Type: 'Meeting', Subject: 'Customer meeting', StartDateTime: start.toISOString(), EndDateTime: new Date(start.getTime() + 3_600_000).toISOString() },
      actor,
    );
    changes.push(`a customer meeting logged on ${String(met.Name)}`);
  }
  const won = open.find((o) => o.Id !== met?.Id);
  if (won) {
    org.store.update('Opportunity', String(won.Id), { StageName: 'Closed Won' }, actor);
    changes.push(`${String(won.Name)} won`);
  }
  return changes;
}
