import { describe, expect, it } from 'vitest';
import type { ActivityInput } from '../../../src/scoring/types.js';
import { dateDaysAgo, daysAgo, healthyDeal, internalEvent, meeting, playbook, reply, role, scored, sellerTask, STAGES } from './builders.js';

const REQUIRED: Record<(typeof STAGES)[number], string[]> = {
  Prospecting: [],
  Qualification: ['FIRST_MEETING'],
  'Needs Analysis': ['FIRST_MEETING', 'SUCCESS_CRITERIA_AGREED'],
  'Value Proposition': ['FIRST_MEETING', 'SUCCESS_CRITERIA_AGREED', 'BUSINESS_CASE_CONFIRMED'],
  'Id. Decision Makers': ['FIRST_MEETING', 'SUCCESS_CRITERIA_AGREED', 'BUSINESS_CASE_CONFIRMED', 'ECONOMIC_BUYER_IDENTIFIED', 'MOBILIZER_MET'],
  'Perception Analysis': ['FIRST_MEETING', 'SUCCESS_CRITERIA_AGREED', 'BUSINESS_CASE_CONFIRMED', 'ECONOMIC_BUYER_IDENTIFIED', 'MOBILIZER_MET', 'CUSTOMER_REPLIED'],
  'Proposal/Price Quote': [
    'FIRST_MEETING',
    'SUCCESS_CRITERIA_AGREED',
    'BUSINESS_CASE_CONFIRMED',
    'ECONOMIC_BUYER_IDENTIFIED',
    'MOBILIZER_MET',
    'CUSTOMER_REPLIED',
    'PROPOSAL_REVIEWED',
  ],
  'Negotiation/Review': [
    'FIRST_MEETING',
    'SUCCESS_CRITERIA_AGREED',
    'BUSINESS_CASE_CONFIRMED',
    'ECONOMIC_BUYER_IDENTIFIED',
    'MOBILIZER_MET',
    'CUSTOMER_REPLIED',
    'PROPOSAL_REVIEWED',
    'PROCUREMENT_STARTED',
  ],
};

const codes = (list: { code: string }[]) => list.map((v) => v.code).sort();

describe('verifier cumulation', () => {
  it.each(STAGES)('when a deal with no customer evidence is in %s, then it misses every verifier of that stage and the ones before', (stage) => {
    // A Mobilizer keeps the people signals quiet; no activity, fields or roles give evidence.
    const a = scored(healthyDeal(stage, { fields: {}, activities: [], contactRoles: [role('003M', 'Teacher', 'Influencer'), role('003G', 'Guide', 'Other')] }));
    expect(codes(a.facts.verifiersMissing)).toEqual([...REQUIRED[stage]].sort());
    expect(a.facts.verifiersMet).toEqual([]);
  });

  it.each(STAGES)('when a deal with all the evidence is in %s, then every required verifier is met with its evidence', (stage) => {
    const a = scored(healthyDeal(stage));
    expect(codes(a.facts.verifiersMet)).toEqual([...REQUIRED[stage]].sort());
    for (const v of a.facts.verifiersMet) expect(v.evidence.length).toBeGreaterThan(0);
  });

  it('when an admin adds a verifier to an early stage, then later stages require it too', () => {
    const pb = playbook();
    pb.stages.open[1]!.verifiers.push({ code: 'NDA_SIGNED', label: 'the NDA is signed', kind: 'field', field: 'NDA__c', when: 'true' });
    const a = scored(healthyDeal('Negotiation/Review'), pb);
    expect(a.facts.verifiersMissing.map((v) => [v.code, v.stage])).toEqual([['NDA_SIGNED', 'Qualification']]);
    expect(a.codes).toEqual(['MISSING_VERIFIER']);
  });
});

describe('field verifiers', () => {
  it.each([
    ['Success_Criteria_Agreed__c', true, true],
    ['Success_Criteria_Agreed__c', 'true', true],
    ['Success_Criteria_Agreed__c', false, false],
    ['Success_Criteria_Agreed__c', null, false],
    ['Success_Criteria_Agreed__c', undefined, false],
    ['Business_Case_Confirmed_Date__c', '2026-05-01', true],
    ['Business_Case_Confirmed_Date__c', '', false],
    ['Business_Case_Confirmed_Date__c', '   ', false],
    ['Business_Case_Confirmed_Date__c', null, false],
    ['Procurement_Status__c', 'Redlines Returned', true],
    ['Procurement_Status__c', 'In Procurement', true],
    ['Procurement_Status__c', 'Approved', true],
    ['Procurement_Status__c', 'Not Started', false],
    ['Procurement_Status__c', 'approved', false],
    ['Procurement_Status__c', null, false],
  ])('when %s is %j, then its verifier is met: %s', (field, value, met) => {
    const deal = healthyDeal('Negotiation/Review');
    deal.fields[field] = value;
    const a = scored(deal);
    expect(a.facts.verifiersMissing.length).toBe(met ? 0 : 1);
    if (met) expect(a.facts.verifiersMet.flatMap((v) => v.evidence)).toContain(`${field}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  });
});

describe('contact-role verifiers', () => {
  it.each([
    ['Economic Buyer', true],
    ['Economic Decision Maker', true],
    ['Decision Maker', true],
    ['Influencer', false],
    [null, false],
  ])('when the Mobilizer\'s role is %s, then ECONOMIC_BUYER_IDENTIFIED is met: %s', (roleName, met) => {
    const a = scored(healthyDeal('Id. Decision Makers', { contactRoles: [role('003M', 'Teacher', roleName), role('003G', 'Guide', 'Influencer')] }));
    expect(a.facts.verifiersMissing.map((v) => v.code)).toEqual(met ? [] : ['ECONOMIC_BUYER_IDENTIFIED']);
  });
});

describe('activity verifiers and seller-only activity', () => {
  const base = [meeting('00UMOB', '003M', 5), reply('00TREP', '003G', 3)];
  const missingWith = (activities: ActivityInput[], stage = 'Perception Analysis') =>
    scored(healthyDeal(stage, { activities })).facts.verifiersMissing.map((v) => v.code).sort();

  it.each([
    ['a voicemail to a deal contact', [sellerTask('00T1', '003G', 1)]],
    ['a follow-up email to a deal contact', [sellerTask('00T1', '003G', 1, 'Email')]],
    ['seller tasks with no contact', [sellerTask('00T1', null, 1), sellerTask('00T2', null, 2, 'Email')]],
    ['an internal event', [internalEvent('00U1', 1)]],
    ['a reply from someone not on the deal', [reply('00T1', '003ZZZ', 1)]],
    ['a reply with no contact', [reply('00T1', null, 1)]],
    ['a meeting with someone not on the deal', [meeting('00U1', '003ZZZ', 1)]],
    ['a meeting scheduled for next week', [meeting('00U1', '003G', -7)]],
  ])('when the only activity is %s, then no customer verifier is met', (_, activities) => {
    expect(missingWith(activities)).toEqual(['CUSTOMER_REPLIED', 'FIRST_MEETING', 'MOBILIZER_MET']);
  });

  it.each([
    ['a reply 30 days ago', [...base.slice(0, 1), reply('00T1', '003G', 30)], []],
    ['a reply 31 days ago', [...base.slice(0, 1), reply('00T1', '003G', 31)], ['CUSTOMER_REPLIED']],
    ['a reply with a lower-case re:', [...base.slice(0, 1), { ...reply('00T1', '003G', 2), Subject: 're: pricing' }], []],
    ['an email whose subject merely contains Re:', [...base.slice(0, 1), { ...reply('00T1', '003G', 2), Subject: 'Fwd: Re: pricing' }], ['CUSTOMER_REPLIED']],
    ['a Mobilizer meeting 30 days ago', [meeting('00U1', '003M', 30), base[1]!], []],
    ['a Mobilizer meeting 31 days ago', [meeting('00U1', '003M', 31), base[1]!], ['MOBILIZER_MET']],
    ['a meeting with a Talker only', [meeting('00U1', '003G', 2), base[1]!], ['MOBILIZER_MET']],
  ])('when the evidence is %s, then the missing verifiers are %j', (_, activities, missing) => {
    expect(missingWith(activities)).toEqual(missing);
  });

  it('when the first meeting was long ago, then FIRST_MEETING (no time limit) is still met', () => {
    expect(missingWith([meeting('00U1', '003G', 300)], 'Qualification')).toEqual([]);
  });

  it('when an Event has no StartDateTime, then its ActivityDate or CreatedDate dates it', () => {
    const noStart: ActivityInput = { Id: '00U1', kind: 'Event', Type: 'Meeting', Subject: 'Call', WhoId: '003M', ActivityDate: dateDaysAgo(3), CreatedDate: daysAgo(40) };
    const onlyCreated: ActivityInput = { Id: '00U2', kind: 'Event', Type: 'Meeting', Subject: 'Call', WhoId: '003M', CreatedDate: daysAgo(4) };
    expect(missingWith([noStart, base[1]!], 'Id. Decision Makers')).toEqual([]);
    expect(missingWith([onlyCreated, base[1]!], 'Id. Decision Makers')).toEqual([]);
  });

  it('when verifiers are met, then their evidence names the records', () => {
    const a = scored(healthyDeal('Perception Analysis', { activities: [meeting('00UA', '003M', 2), meeting('00UB', '003G', 100), reply('00TC', '003G', 1)] }));
    expect(Object.fromEntries(a.facts.verifiersMet.map((v) => [v.code, v.evidence]))).toMatchObject({
      FIRST_MEETING: ['00UA', '00UB'],
      MOBILIZER_MET: ['00UA'],
      CUSTOMER_REPLIED: ['00TC'],
      ECONOMIC_BUYER_IDENTIFIED: ['003M'],
    });
  });
});
