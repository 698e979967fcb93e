// dealrisk's Salesforce adapter against the strict local org: pages that count child rows, child
// sets with their own locators, archived activities and writes gathered across pages.
import type { Connection } from 'jsforce';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '@dealrisk/local-org';
import { loadPlaybookFile } from '../../src/config/playbook-file.js';
import { defaultMapping } from '../../src/mapping/mapping-file.js';
import { connectSalesforce } from '../../src/salesforce/connect.js';
import { DealRepository } from '../../src/salesforce/deal-repository.js';
import { opportunitiesQuery } from '../../src/salesforce/soql.js';
import { dealQueryOptions, scoreOpenDeals } from '../../src/sync/score-open-deals.js';
import { loggedIn, salesforceSettings, startTestOrg } from '../support/local-org.js';

const playbook = loadPlaybookFile('config/playbook.yaml');
const options = dealQueryOptions(playbook, defaultMapping());
const EXTRA_TASKS = 250;

describe('the Salesforce adapter against pages that count child rows', () => {
  let org: LocalOrg;
  let conn: Connection;
  let deals: DealRepository;
  let busyDeal: string;
  let archivedTask: string;
  let deletedTask: string;
  beforeAll(async () => {
    org = await startTestOrg({ opportunities: 1200 });
    conn = await loggedIn(org);
    deals = new DealRepository(await connectSalesforce(salesforceSettings(org, 'client_credentials')));
    const open = await conn.query<{ Id: string }>('SELECT Id FROM Opportunity WHERE IsClosed = false ORDER BY Id LIMIT 1');
    busyDeal = open.records[0]!.Id;
    // 250 more Tasks on one deal: its child set is over the 200 inline rows and pages on its own.
    const tasks = Array.from({ length: EXTRA_TASKS }, (_, i) => ({ Subject: `Call ${i}`, Status: 'Completed', ActivityDate: '2026-03-01', WhatId: busyDeal }));
    for (let i = 0; i < tasks.length; i += 200) await conn.sobject('Task').create(tasks.slice(i, i + 200));
    // A call two years ago is archived at once; a deleted one is in the recycle bin.
    const old = await conn.sobject('Task').create({ Subject: 'First call', Status: 'Completed', ActivityDate: '2024-03-01', WhatId: busyDeal });
    archivedTask = (old as { id: string }).id;
    const gone = await conn.sobject('Task').create({ Subject: 'Mistake', Status: 'Completed', ActivityDate: '2026-03-02', WhatId: busyDeal });
    deletedTask = (gone as { id: string }).id;
    await conn.sobject('Task').destroy(deletedTask);
  }, 120_000);
  afterAll(async () => {
    await org.stop();
  });

  it('when open deals are read, then every deal comes once with every Task, the paged child set included, archived kept and deleted left out', async () => {
    const seen = new Map<string, string[]>();
    let pages = 0;
    for await (const page of deals.openOpportunities(options)) {
      pages += 1;
      for (const deal of page) seen.set(deal.Id, deal.activities.filter((a) => a.kind === 'Task').map((a) => a.Id));
    }
    const open = await conn.query('SELECT COUNT() FROM Opportunity WHERE IsClosed = false');
    expect(seen.size).toBe(open.totalSize);
    expect(pages).toBeGreaterThan(2);
    const stored = org.store.children('Task', 'WhatId', busyDeal).filter((t) => !t.IsDeleted).map((t) => t.Id);
    expect(stored.length).toBeGreaterThan(EXTRA_TASKS);
    expect(seen.get(busyDeal)!.sort()).toEqual(stored.sort());
    expect(seen.get(busyDeal)).toContain(archivedTask);
    expect(seen.get(busyDeal)).not.toContain(deletedTask);
    // query() alone would have missed the archived Task.
    const live = await conn.query<{ Id: string }>(`SELECT Id FROM Task WHERE Id = '${archivedTask}'`);
    expect(live.totalSize).toBe(0);
  });

  it('when one deal is read for explain, then its archived activities count too', async () => {
    const deal = await deals.opportunity(busyDeal, options);
    expect(deal?.activities.map((a) => a.Id)).toContain(archivedTask);
  });

  it('when a run scores deals over many pages, then it writes them in full 200-record calls, one under-filled call at most', async () => {
    // The calls the reads take, measured on their own: the benchmark query and every page of open deals.
    let before = org.apiUsage().used;
    for await (const page of deals.queryPages(opportunitiesQuery(options, 'IsClosed = false'), { all: true })) expect(page.length).toBeGreaterThan(0);
    const openReadCalls = org.apiUsage().used - before;
    before = org.apiUsage().used;
    await deals.closedDeals(playbook.benchmarks.windowDays, options);
    const benchmarkCalls = org.apiUsage().used - before;

    before = org.apiUsage().used;
    const summary = await scoreOpenDeals({ deals, playbook, mapping: defaultMapping(), now: org.store.clock.now(), logger: pino({ level: 'silent' }) });
    const writeCalls = org.apiUsage().used - before - openReadCalls - benchmarkCalls;
    expect(summary.failures).toEqual([]);
    expect(summary.written).toBe(summary.scored);
    expect(openReadCalls).toBeGreaterThan(Math.ceil(summary.scored / 200));
    expect(writeCalls).toBe(Math.ceil(summary.written / 200));
  });
});
