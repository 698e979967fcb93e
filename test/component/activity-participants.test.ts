import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '@dealrisk/local-org';
import { connectSalesforce } from '../../src/salesforce/connect.js';
import { DealRepository } from '../../src/salesforce/deal-repository.js';
import type { ActivityInput } from '../../src/scoring/types.js';
import { salesforceSettings, startTestOrg } from '../support/local-org.js';

describe('deal activities carry everyone on them (Shared Activities)', () => {
  let org: LocalOrg;
  let activities: ActivityInput[];
  beforeAll(async () => {
    org = await startTestOrg({ dataset: 'demo', opportunities: 60, seed: 3 });
    const deals = new DealRepository(await connectSalesforce(salesforceSettings(org, 'client_credentials')));
    activities = [];
    for await (const page of deals.openOpportunities({ verifierFields: [], profileField: 'Stakeholder_Profile__c' })) {
      for (const deal of page) activities.push(...deal.activities);
    }
  });
  afterAll(async () => {
    await org.stop();
  });

  /** The org's own record of who is on an activity: its live relation rows to contacts and leads. */
  const peopleInOrg = (activityId: string): string[] => {
    const [object, field] = activityId.startsWith('00T') ? ['TaskRelation', 'TaskId'] : ['EventRelation', 'EventId'];
    return [...org.store.rows(object)]
      .filter((row) => row[field] === activityId && !row.IsDeleted && row.IsWhat !== true && /^00[3Q]/.test(String(row.RelationId)))
      .map((row) => row.RelationId as string)
      .sort();
  };

  it('when open deals are read, then each activity lists its contacts as the org relates them, WhoId included', () => {
    expect(activities.length).toBeGreaterThan(100);
    for (const activity of activities) {
      expect(activity.participantIds, activity.Id).toBeDefined();
      expect([...activity.participantIds!].sort(), activity.Id).toEqual(peopleInOrg(activity.Id));
      if (activity.WhoId !== null) expect(activity.participantIds).toContain(activity.WhoId);
      else expect(activity.participantIds).toEqual([]);
    }
  });

  it('when a meeting had several customer contacts, then all of them are its participants', () => {
    const meetings = activities.filter((a) => a.kind === 'Event' && a.Type === 'Meeting');
    const shared = meetings.filter((m) => m.participantIds!.length >= 2);
    expect(shared.length).toBeGreaterThan(meetings.length * 0.3);
  });
});
