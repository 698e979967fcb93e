import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BLOCKER_PROFILE,
  DATASET_OBJECT_ORDER,
  MOBILIZER_PROFILES,
  OPEN_STAGES,
  generateDemoDataset,
  generateEmptyDataset,
  parseDataset,
  stageByName,
} from '../../../src/dataset/index.js';
import type { DatasetFile } from '../../../src/model.js';
import { byId, groupBy, historyViolations, idViolations, referenceViolations, rowsOf, stageRuns } from './dataset-checks.js';

type Row = Record<string, unknown>;

const AS_OF = new Date('2026-03-31T12:00:00.000Z');
const AS_OF_WIRE = '2026-03-31T12:00:00.000+0000';
const AS_OF_DATE = '2026-03-31';
const DAY = 86_400_000;

// One shared org of the default size: big enough for the research shape to show through noise.
const demo = generateDemoDataset({ opportunities: 2000, seed: 1, asOf: AS_OF });
const index = byId(demo);
const deals = rowsOf(demo, 'Opportunity');
const historyByDeal = groupBy(rowsOf(demo, 'OpportunityHistory'), 'OpportunityId');
const fieldHistoryByDeal = groupBy(rowsOf(demo, 'OpportunityFieldHistory'), 'OpportunityId');
const rolesByDeal = groupBy(rowsOf(demo, 'OpportunityContactRole'), 'OpportunityId');
const tasksByDeal = groupBy(rowsOf(demo, 'Task'), 'WhatId');
const eventsByDeal = groupBy(rowsOf(demo, 'Event'), 'WhatId');
const won = deals.filter((deal) => deal.StageName === 'Closed Won');
const lost = deals.filter((deal) => deal.StageName === 'Closed Lost');
const open = deals.filter((deal) => !stageByName(deal.StageName as string)!.isClosed);

const ms = (wire: unknown): number => Date.parse((wire as string).replace('+0000', 'Z'));
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const share = (rows: readonly Row[], test: (row: Row) => boolean): number => rows.filter(test).length / rows.length;
const mean = (rows: readonly Row[], value: (row: Row) => number): number => rows.reduce((sum, row) => sum + value(row), 0) / rows.length;

describe('generateDemoDataset', () => {
  afterEach(() => vi.restoreAllMocks());

  it('when generated twice with the same seed and asOf, then the JSON is byte-identical', () => {
    const a = JSON.stringify(generateDemoDataset({ opportunities: 300, seed: 7, asOf: AS_OF }));
    const b = JSON.stringify(generateDemoDataset({ opportunities: 300, seed: 7, asOf: AS_OF }));
    expect(a).toBe(b);
  });

  it('when the seed differs, then the org differs', () => {
    const a = generateDemoDataset({ opportunities: 300, seed: 7, asOf: AS_OF });
    const b = generateDemoDataset({ opportunities: 300, seed: 8, asOf: AS_OF });
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    expect(b.records.Account![0]!.Name).not.toBe(a.records.Account![0]!.Name);
  });

  it('when asOf moves by whole days, then every generated timestamp moves with it and nothing else changes', () => {
    const later = new Date(AS_OF.getTime() + 10 * DAY);
    const a = generateDemoDataset({ opportunities: 200, seed: 4, asOf: AS_OF });
    const b = generateDemoDataset({ opportunities: 200, seed: 4, asOf: later });
    const shift = (wire: unknown): number => ms(wire) + 10 * DAY;
    rowsOf(a, 'Opportunity').forEach((deal, i) => {
      const moved = rowsOf(b, 'Opportunity')[i]!;
      expect(ms(moved.CreatedDate)).toBe(shift(deal.CreatedDate));
      expect(ms(moved.LastStageChangeDate)).toBe(shift(deal.LastStageChangeDate));
      expect(moved.Name).toBe(deal.Name);
      expect(moved.StageName).toBe(deal.StageName);
    });
    rowsOf(a, 'Event').forEach((event, i) => expect(ms(rowsOf(b, 'Event')[i]!.StartDateTime)).toBe(shift(event.StartDateTime)));
  });

  it('when generating, then neither Math.random nor the clock is read', () => {
    const random = vi.spyOn(Math, 'random');
    const now = vi.spyOn(Date, 'now');
    generateDemoDataset({ opportunities: 50, seed: 3, asOf: AS_OF });
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
  });

  it('when a count is negative or fractional, or asOf is invalid, then it throws a RangeError', () => {
    expect(() => generateDemoDataset({ opportunities: -1, asOf: AS_OF })).toThrow(RangeError);
    expect(() => generateDemoDataset({ opportunities: 1.5, asOf: AS_OF })).toThrow(RangeError);
    expect(() => generateDemoDataset({ asOf: new Date('nope') })).toThrow(RangeError);
  });

  it('when generated, then objects come in dependency order with the requested number of opportunities', () => {
    expect(Object.keys(demo.records)).toEqual([...DATASET_OBJECT_ORDER]);
    expect(deals).toHaveLength(2000);
    expect(demo.asOf).toBe(AS_OF.toISOString());
    expect(rowsOf(demo, 'Organization')).toMatchObject([{ Name: 'dealrisk Demo Org' }]);
    expect(rowsOf(demo, 'Organization')[0]!.Id).toMatch(/^00D/);
    expect(rowsOf(demo, 'User')[0]).toMatchObject({ Username: 'demo@dealrisk.local', Name: 'Dana Demo' });
    expect(rowsOf(demo, 'User')).toHaveLength(1 + 40); // one rep per 50 opportunities
    expect(rowsOf(demo, 'Account').length).toBeCloseTo(2000 / 3, -1);
  });

  it('when generated, then each object numbers its ids from 1 in array order', () => {
    for (const object of DATASET_OBJECT_ORDER) {
      const rows = rowsOf(demo, object);
      expect(rows[0]!.Id, object).toMatch(/^.{3}0{11}1/);
      const bodies = rows.map((row) => (row.Id as string).slice(3, 15));
      expect([...bodies].sort(), object).toEqual(bodies);
    }
  });

  it('when generated, then the stage picklist is the standard one with its probabilities and flags', () => {
    const stages = rowsOf(demo, 'OpportunityStage');
    expect(stages.map((s) => [s.MasterLabel, s.DefaultProbability])).toEqual([
      ['Prospecting', 10], ['Qualification', 10], ['Needs Analysis', 20], ['Value Proposition', 50], ['Id. Decision Makers', 60],
      ['Perception Analysis', 70], ['Proposal/Price Quote', 75], ['Negotiation/Review', 90], ['Closed Won', 100], ['Closed Lost', 0],
    ]);
    expect(stages.filter((s) => s.IsClosed).map((s) => [s.ApiName, s.IsWon, s.ForecastCategoryName])).toEqual([
      ['Closed Won', true, 'Closed'],
      ['Closed Lost', false, 'Omitted'],
    ]);
    expect(stages.map((s) => s.SortOrder)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('when generated, then every id is well formed and unique and every reference points at the right row', () => {
    expect(idViolations(demo)).toEqual([]);
    expect(referenceViolations(demo)).toEqual([]);
  });

  it('when generated, then histories match their deals (creation, current state, LastStageChangeDate, field history)', () => {
    expect(historyViolations(demo)).toEqual([]);
    expect(deals.every((deal) => fieldHistoryByDeal.get(deal.Id as string)!.some((row) => row.Field === 'created'))).toBe(true);
    const dataTypes = new Set(rowsOf(demo, 'OpportunityFieldHistory').map((row) => `${String(row.Field)}:${String(row.DataType)}`));
    expect(dataTypes).toEqual(new Set(['created:Text', 'StageName:DynamicEnum', 'Amount:Currency', 'CloseDate:Date']));
  });

  it('when generated, then every history row records the forecast category of its stage, as Salesforce does', () => {
    const expected: Record<string, string> = { Pipeline: 'Pipeline', 'Best Case': 'BestCase', Commit: 'Forecast', Closed: 'Closed', Omitted: 'Omitted' };
    for (const row of rowsOf(demo, 'OpportunityHistory')) {
      expect(row.ForecastCategory, String(row.StageName)).toBe(expected[stageByName(row.StageName as string)!.forecastCategoryName]);
    }
  });

  it('when generated, then histories include changes inside a stage, regressions and close-date pushes', () => {
    const histories = [...historyByDeal.values()];
    const insideStage = histories.filter((rows) => rows.some((row, i) => i > 0 && row.StageName === rows[i - 1]!.StageName));
    const regressed = histories.filter((rows) => {
      const order = stageRuns(rows).map((run) => OPEN_STAGES.findIndex((stage) => stage.name === run.stage)).filter((i) => i >= 0);
      return order.some((stage, i) => i > 0 && stage < order[i - 1]!);
    });
    expect(insideStage.length).toBeGreaterThan(deals.length * 0.3);
    expect(regressed.length).toBeGreaterThan(deals.length * 0.03);
    expect(rowsOf(demo, 'OpportunityFieldHistory').some((row) => row.Field === 'CloseDate' && (row.NewValue as string) > (row.OldValue as string))).toBe(true);
  });

  it('when generated, then nothing happened after asOf; only open deals\' close dates and open tasks\' due dates look ahead', () => {
    const late: string[] = [];
    for (const [object, rows] of Object.entries(demo.records)) {
      rows.forEach((row, i) => {
        for (const field of ['CreatedDate', 'LastModifiedDate', 'LastStageChangeDate', 'StartDateTime', 'EndDateTime', 'ActivityDateTime']) {
          if (typeof row[field] === 'string' && (row[field]) > AS_OF_WIRE) late.push(`${object}[${i}].${field}`);
        }
        for (const field of ['Business_Case_Confirmed_Date__c', 'Proposal_Reviewed_Date__c']) {
          if (typeof row[field] === 'string' && (row[field]) > AS_OF_DATE) late.push(`${object}[${i}].${field}`);
        }
      });
    }
    rowsOf(demo, 'Event').forEach((row, i) => (row.ActivityDate as string) > AS_OF_DATE && late.push(`Event[${i}].ActivityDate`));
    rowsOf(demo, 'Task').forEach((row, i) => row.IsClosed && (row.ActivityDate as string) > AS_OF_DATE && late.push(`Task[${i}].ActivityDate`));
    [...won, ...lost].forEach((row) => (row.CloseDate as string) > AS_OF_DATE && late.push(`${String(row.Id)}.CloseDate`));
    expect(late).toEqual([]);

    const aYearAhead = new Date(AS_OF.getTime() + 366 * DAY).toISOString().slice(0, 10);
    expect(open.every((deal) => (deal.CloseDate as string) <= aYearAhead)).toBe(true);
    expect(rowsOf(demo, 'Task').every((task) => (task.ActivityDate as string) <= aYearAhead)).toBe(true);
  });

  it('when generated, then about 35% of deals are open and about 40% of closed deals were won, closed within two years', () => {
    expect(open.length / deals.length).toBeGreaterThan(0.3);
    expect(open.length / deals.length).toBeLessThan(0.4);
    expect(won.length / (won.length + lost.length)).toBeGreaterThan(0.35);
    expect(won.length / (won.length + lost.length)).toBeLessThan(0.45);
    const twoYearsAgo = AS_OF.getTime() - 731 * DAY;
    expect([...won, ...lost].every((deal) => ms(deal.LastStageChangeDate) >= twoYearsAgo)).toBe(true);
    // Open deals spread over the open stages.
    expect(new Set(open.map((deal) => deal.StageName)).size).toBe(OPEN_STAGES.length);
  });

  it('when measured from the histories, then lost deals linger about 65% longer in each stage than won ones', () => {
    const daysInStage = new Map<string, { won: number[]; lost: number[] }>();
    for (const deal of [...won, ...lost]) {
      const runs = stageRuns(historyByDeal.get(deal.Id as string)!);
      for (let i = 0; i < runs.length - 1; i += 1) {
        const entry = daysInStage.get(runs[i]!.stage) ?? { won: [], lost: [] };
        (deal.StageName === 'Closed Won' ? entry.won : entry.lost).push((ms(runs[i + 1]!.start) - ms(runs[i]!.start)) / DAY);
        daysInStage.set(runs[i]!.stage, entry);
      }
    }
    const ratios = [...daysInStage.values()]
      .filter((entry) => entry.won.length >= 50 && entry.lost.length >= 50)
      .map((entry) => median(entry.lost) / median(entry.won));
    expect(ratios.length).toBeGreaterThanOrEqual(6);
    expect(median(ratios)).toBeGreaterThan(1.4);
    expect(median(ratios)).toBeLessThan(1.9);
  });

  it('when measured over the whole cycle like dealrisk\'s benchmarks, then losing takes about 65% longer than winning', () => {
    // Created to closed (the start of the final Closed Won/Lost run), for deals closed in the last 365 days.
    const yearAgo = AS_OF.getTime() - 365 * DAY;
    const closedAt = (deal: Row): number => ms(stageRuns(historyByDeal.get(deal.Id as string)!).at(-1)!.start);
    const cycleDays = (deals: Row[]): number[] =>
      deals.filter((deal) => closedAt(deal) >= yearAgo).map((deal) => (closedAt(deal) - ms(deal.CreatedDate)) / DAY);
    const wonCycles = cycleDays(won);
    const lostCycles = cycleDays(lost);
    expect(wonCycles.length).toBeGreaterThan(150);
    expect(lostCycles.length).toBeGreaterThan(150);
    const ratio = median(lostCycles) / median(wonCycles);
    expect(ratio).toBeGreaterThan(1.4);
    expect(ratio).toBeLessThan(1.9);
  });

  it('when measured from the contact roles, then won deals far more often have a Mobilizer; lost ones are single-threaded and meet Blockers', () => {
    const profiles = (deal: Row): unknown[] =>
      (rolesByDeal.get(deal.Id as string) ?? []).map((role) => index.get(role.ContactId as string)!.Stakeholder_Profile__c);
    const hasMobilizer = (deal: Row): boolean => profiles(deal).some((p) => (MOBILIZER_PROFILES as readonly unknown[]).includes(p));
    expect(share(won, hasMobilizer)).toBeGreaterThan(share(lost, hasMobilizer) + 0.3);
    expect(share(lost, (deal) => profiles(deal).includes(BLOCKER_PROFILE))).toBeGreaterThan(share(won, (deal) => profiles(deal).includes(BLOCKER_PROFILE)) + 0.15);
    expect(share(lost, (deal) => profiles(deal).length === 1)).toBeGreaterThan(share(won, (deal) => profiles(deal).length === 1) + 0.2);
    // Exactly one primary contact role per deal.
    expect(deals.every((deal) => (rolesByDeal.get(deal.Id as string) ?? []).filter((role) => role.IsPrimary).length === 1)).toBe(true);
  });

  it('when measured from the deals, then won deals carry the customer verifiers and customer activity far more often', () => {
    const reachedProposal = (deals: Row[]): Row[] => deals.filter((deal) => stageRuns(historyByDeal.get(deal.Id as string)!).some((run) => run.stage === 'Proposal/Price Quote'));
    expect(share(won, (deal) => deal.Success_Criteria_Agreed__c === true)).toBeGreaterThan(share(lost, (deal) => deal.Success_Criteria_Agreed__c === true) + 0.3);
    expect(share(won, (deal) => deal.Business_Case_Confirmed_Date__c !== null)).toBeGreaterThan(0.6);
    expect(share(reachedProposal(won), (d) => d.Proposal_Reviewed_Date__c !== null)).toBeGreaterThan(share(reachedProposal(lost), (d) => d.Proposal_Reviewed_Date__c !== null) + 0.3);

    const customerMeetings = (deal: Row): number => (eventsByDeal.get(deal.Id as string) ?? []).filter((e) => e.Type === 'Meeting' && e.WhoId !== null).length;
    const customerReplies = (deal: Row): number =>
      (tasksByDeal.get(deal.Id as string) ?? []).filter((t) => t.TaskSubtype === 'Email' && (t.Subject as string).startsWith('Re: ') && t.WhoId !== null).length;
    expect(mean(won, customerMeetings)).toBeGreaterThan(2 * mean(lost, customerMeetings));
    expect(mean(won, customerReplies)).toBeGreaterThan(2 * mean(lost, customerReplies));
  });

  it('when measured from the field history, then lost deals have their close date pushed more often', () => {
    const pushesWhileOpen = (deal: Row): number =>
      (fieldHistoryByDeal.get(deal.Id as string) ?? []).filter(
        (row) => row.Field === 'CloseDate' && (row.NewValue as string) > (row.OldValue as string) && (row.CreatedDate as string) < (deal.LastStageChangeDate as string),
      ).length;
    expect(mean(lost, pushesWhileOpen)).toBeGreaterThan(1.5 * mean(won, pushesWhileOpen));
  });

  it('when open deals are compared with the won benchmark, then some are healthy and some are stalled garbage trucks', () => {
    const wonDaysByStage = new Map<string, number[]>();
    for (const deal of won) {
      const runs = stageRuns(historyByDeal.get(deal.Id as string)!);
      for (let i = 0; i < runs.length - 1; i += 1) {
        const list = wonDaysByStage.get(runs[i]!.stage) ?? [];
        list.push((ms(runs[i + 1]!.start) - ms(runs[i]!.start)) / DAY);
        wonDaysByStage.set(runs[i]!.stage, list);
      }
    }
    const ageVsBenchmark = (deal: Row): number =>
      (AS_OF.getTime() - ms(deal.LastStageChangeDate)) / DAY / median(wonDaysByStage.get(deal.StageName as string)!);
    expect(share(open, (deal) => ageVsBenchmark(deal) <= 1.2)).toBeGreaterThan(0.4);
    expect(share(open, (deal) => ageVsBenchmark(deal) >= 2.5)).toBeGreaterThan(0.2);
    // Open deals have a next step on the rep's list.
    expect(open.every((deal) => (tasksByDeal.get(deal.Id as string) ?? []).some((task) => task.Status === 'Not Started' && task.IsClosed === false))).toBe(true);
  });

  it('when generated, then contacts carry Challenger profiles (some unprofiled) and activities are customer or seller activity as documented', () => {
    const profiles = new Set(rowsOf(demo, 'Contact').map((contact) => contact.Stakeholder_Profile__c));
    expect(profiles).toEqual(new Set(['Go-Getter', 'Teacher', 'Skeptic', 'Guide', 'Friend', 'Climber', 'Blocker', null]));
    for (const event of rowsOf(demo, 'Event')) {
      expect(event.Type === 'Meeting' ? event.WhoId : null, String(event.Subject)).toSatisfy((who) => event.Type === 'Meeting' ? typeof who === 'string' : who === null);
      expect(ms(event.EndDateTime) - ms(event.StartDateTime)).toBe((event.DurationInMinutes as number) * 60_000);
    }
    const subjects = new Set(rowsOf(demo, 'Task').map((task) => `${String(task.Type)}/${String(task.TaskSubtype)}/${(task.Subject as string).startsWith('Re: ') ? 'Re:' : String(task.Subject)}`));
    expect(subjects).toEqual(
      new Set([
        'Email/Email/Re:', 'Call/Call/Left voicemail', 'Email/Email/Sent follow-up email', 'Other/Task/Internal deal review', 'Call/Task/Follow up on next steps',
        'Call/Call/Follow up on web inquiry',
      ]),
    );
    expect(rowsOf(demo, 'Task').every((task) => task.IsClosed === (task.Status === 'Completed'))).toBe(true);
  });

  it('when generated, then many customer meetings have several contacts, some replies copy a colleague, and leads have their own follow-up', () => {
    const meetings = rowsOf(demo, 'Event').filter((event) => event.Type === 'Meeting');
    const attendees = groupBy(rowsOf(demo, 'EventRelation'), 'EventId');
    const shared = meetings.filter((meeting) => attendees.has(meeting.Id as string));
    expect(shared.length).toBeGreaterThan(meetings.length * 0.4);
    expect(Math.max(...[...attendees.values()].map((rows) => rows.length))).toBeGreaterThanOrEqual(3);
    expect(rowsOf(demo, 'EventRelation').every((row) => row.IsParent === true)).toBe(true);
    expect(rowsOf(demo, 'TaskRelation').length).toBeGreaterThan(0);
    const leadTasks = rowsOf(demo, 'Task').filter((task) => String(task.WhoId).startsWith('00Q'));
    expect(leadTasks).toHaveLength(rowsOf(demo, 'Lead').length);
    expect(leadTasks.every((task) => task.WhatId === null)).toBe(true);
  });

  it('when serialised and parsed back, then parseDataset accepts the generated org unchanged', () => {
    const small = generateDemoDataset({ opportunities: 100, seed: 2, asOf: AS_OF });
    expect(parseDataset(JSON.parse(JSON.stringify(small)))).toEqual(small);
  });
});

describe('generateEmptyDataset', () => {
  it('when generated, then it holds only the organization, the integration user and the stage picklist', () => {
    const empty: DatasetFile = generateEmptyDataset({ asOf: AS_OF });
    expect(Object.keys(empty.records)).toEqual(['Organization', 'User', 'OpportunityStage']);
    expect(empty.records.User).toMatchObject([{ Username: 'demo@dealrisk.local' }]);
    expect(empty.records.OpportunityStage).toHaveLength(10);
    expect(idViolations(empty)).toEqual([]);
  });
});
