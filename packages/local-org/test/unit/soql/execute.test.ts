import { describe, expect, it } from 'vitest';
import { errorOf, scenario } from './scenario.js';

describe('executeQuery: fields and records', () => {
  it('when fields are named in any case, then records carry attributes and the fields in selected order with canonical names', () => {
    const { run, opps } = scenario();
    const result = run("SELECT name, ID, amount FROM opportunity WHERE name = 'acme expansion'");
    expect(result.totalSize).toBe(1);
    const record = result.records[0]!;
    expect(Object.keys(record)).toEqual(['attributes', 'Name', 'Id', 'Amount']);
    expect(record).toEqual({
      attributes: { type: 'Opportunity', url: `/services/data/v62.0/sobjects/Opportunity/${opps.expansion.Id}` },
      Name: 'Acme Expansion',
      Id: opps.expansion.Id,
      Amount: 50_000,
    });
  });

  it('when an API version is given, then record urls use it', () => {
    const { run, opps } = scenario();
    const [record] = run(`SELECT Id FROM Opportunity WHERE Id = '${opps.pilot.Id}'`, { apiVersion: 58 }).records;
    expect(record!.attributes.url).toBe(`/services/data/v58.0/sobjects/Opportunity/${opps.pilot.Id}`);
  });

  it('when parent paths of several depths are selected, then they nest as records with their own attributes', () => {
    const { run, accounts, users } = scenario();
    const [record] = run("SELECT Name, Account.Name, Account.Owner.Name, Owner.Email, Account.Id FROM Opportunity WHERE Name = 'Acme Expansion'").records;
    expect(record).toEqual({
      attributes: expect.objectContaining({ type: 'Opportunity' }) as unknown,
      Name: 'Acme Expansion',
      Account: {
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${accounts.acme.Id}` },
        Name: 'Acme',
        Owner: { attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${users.ada.Id}` }, Name: 'Ada Owner' },
        Id: accounts.acme.Id,
      },
      Owner: { attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${users.ada.Id}` }, Email: 'ada@example.com' },
    });
  });

  it('when a lookup on the path is empty, then that relationship is null', () => {
    const { run } = scenario();
    const records = run("SELECT Name, Account.Name, Account.Owner.Name FROM Opportunity WHERE Name IN ('Orphan Deal', 'initech it\\'s 100% real') ORDER BY Name").records;
    expect(records.map((r) => [r.Name, r.Account])).toEqual([
      ["initech it's 100% real", { attributes: expect.objectContaining({ type: 'Account' }) as unknown, Name: 'initech', Owner: null }],
      ['Orphan Deal', null],
    ]);
  });

  it('when a polymorphic lookup is followed, then the parent is a Name (Type its object) at its own object URL', () => {
    const { run } = scenario();
    const records = run('SELECT Subject, What.Name, What.Type, Who.LastName FROM Task ORDER BY Subject').records;
    type NameRecord = { attributes: { type: string; url: string }; Name: string; Type: string };
    expect(records.map((r) => [r.Subject, (r.What as NameRecord).attributes.type, (r.What as NameRecord).Type, (r.What as NameRecord).Name])).toEqual([
      ['Call', 'Name', 'Opportunity', 'Acme Expansion'],
      ['Intro', 'Name', 'Account', 'Acme'],
    ]);
    expect((records[0]!.What as NameRecord).attributes.url).toMatch(/\/sobjects\/Opportunity\/006/);
    expect(records[1]!.Who).toBeNull();
  });

  it('when the FROM object has an alias, then prefixed fields resolve', () => {
    const { names } = scenario();
    expect(names('SELECT o.Name FROM Opportunity o WHERE o.Amount > 10000 ORDER BY o.Name')).toEqual(['Acme Expansion', 'Acme Renewal']);
  });
});

describe('executeQuery: child subqueries', () => {
  it('when a child relationship is selected, then each parent nests its children or null when it has none', () => {
    const { run, opps } = scenario();
    const records = run('SELECT Name, (SELECT Role, Contact.LastName FROM OpportunityContactRoles ORDER BY Role) FROM Opportunity ORDER BY Name').records;
    const byName = new Map(records.map((r) => [r.Name, r.OpportunityContactRoles]));
    expect(byName.get('Acme Expansion')).toEqual({
      totalSize: 2,
      done: true,
      records: [
        {
          attributes: expect.objectContaining({ type: 'OpportunityContactRole' }) as unknown,
          Role: 'Economic Buyer',
          Contact: { attributes: expect.objectContaining({ type: 'Contact' }) as unknown, LastName: 'Go' },
        },
        {
          attributes: expect.objectContaining({ type: 'OpportunityContactRole' }) as unknown,
          Role: 'Evaluator',
          Contact: { attributes: expect.objectContaining({ type: 'Contact' }) as unknown, LastName: 'Skeptic' },
        },
      ],
    });
    expect(byName.get('Orphan Deal')).toBeNull();
    // Globex Pilot's only role is in the recycle bin.
    expect(byName.get('Globex Pilot')).toBeNull();
    expect(Object.keys(records[0]!)).toEqual(['attributes', 'Name', 'OpportunityContactRoles']);
    expect(records.map((r) => r.attributes.url)).toContain(`/services/data/v62.0/sobjects/Opportunity/${opps.expansion.Id}`);
  });

  it('when the subquery has its own WHERE, ORDER BY and LIMIT, then they apply per parent', () => {
    const { run } = scenario();
    const [expansion] = run(
      "SELECT Name, (SELECT StageName, Amount FROM OpportunityHistories WHERE Amount >= 40000 ORDER BY CloseDate DESC LIMIT 2), (SELECT Role FROM OpportunityContactRoles WHERE IsPrimary = false) FROM Opportunity WHERE Name = 'Acme Expansion'",
    ).records;
    const histories = expansion!.OpportunityHistories as { totalSize: number; records: { StageName: string }[] };
    expect(histories.totalSize).toBe(2);
    expect(histories.records.map((r) => r.StageName)).toEqual(['Negotiation/Review', 'Qualification']);
    expect((expansion!.OpportunityContactRoles as { records: { Role: string }[] }).records.map((r) => r.Role)).toEqual(['Evaluator']);
  });

  it('when queryAll reads children, then deleted children appear with IsDeleted = true', () => {
    const { run } = scenario();
    const [pilot] = run("SELECT Name, (SELECT Role, IsDeleted FROM OpportunityContactRoles) FROM Opportunity WHERE Name = 'Globex Pilot'", { includeDeleted: true }).records;
    expect((pilot!.OpportunityContactRoles as { records: unknown[] }).records).toEqual([
      { attributes: expect.objectContaining({ type: 'OpportunityContactRole' }) as unknown, Role: 'Influencer', IsDeleted: true },
    ]);
  });
});

describe('executeQuery: WHERE logic', () => {
  it('when parentheses group OR inside AND, then the grouping decides the result', () => {
    const { names } = scenario();
    const orFirst = names("SELECT Name FROM Opportunity WHERE (StageName = 'Prospecting' OR Amount > 20000) AND IsClosed = false ORDER BY Name");
    const andFirst = names("SELECT Name FROM Opportunity WHERE StageName = 'Closed Won' OR (Amount > 20000 AND IsClosed = false) ORDER BY Name");
    expect(orFirst).toEqual(['Acme Expansion', 'Acme Renewal']);
    expect(andFirst).toEqual(['Acme Expansion', 'Globex Pilot']);
  });

  it('when AND and OR are mixed without parentheses, then Salesforce refuses it as MALFORMED_QUERY', () => {
    const { run } = scenario();
    const error = errorOf(() => run("SELECT Id FROM Opportunity WHERE Amount = 1 OR Amount = 2 AND StageName = 'x'"));
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toBe("unexpected token: 'AND'");
  });

  it('when chains of one operator have no parentheses, then they need none', () => {
    const { names } = scenario();
    expect(names("SELECT Name FROM Opportunity WHERE StageName = 'Prospecting' OR StageName = 'Closed Won' OR StageName = 'Closed Lost' ORDER BY Name")).toEqual([
      'Acme Renewal',
      'Globex Pilot',
      "initech it's 100% real",
    ]);
  });

  it('when NOT negates a condition or a group, then it inverts it', () => {
    const { names } = scenario();
    expect(names("SELECT Name FROM Opportunity WHERE NOT StageName LIKE 'Closed%' ORDER BY Name")).toEqual(['Acme Expansion', 'Acme Renewal', 'Orphan Deal']);
    expect(names('SELECT Name FROM Opportunity WHERE IsClosed = false AND (NOT (Amount > 20000 OR Amount = null)) ORDER BY Name')).toEqual(['Acme Renewal']);
  });

  it('when NOT follows AND without its own parentheses, then it is MALFORMED_QUERY', () => {
    const { run } = scenario();
    expect(errorOf(() => run('SELECT Id FROM Opportunity WHERE IsClosed = false AND NOT Amount > 1')).errorCode).toBe('MALFORMED_QUERY');
  });
});

describe('executeQuery: operators and literals', () => {
  it('when comparing with null, = null matches empty fields and != keeps them', () => {
    const { names } = scenario();
    expect(names('SELECT Name FROM Opportunity WHERE Amount = null')).toEqual(['Orphan Deal']);
    expect(names('SELECT Name FROM Opportunity WHERE AccountId != null ORDER BY Name')).toHaveLength(4);
    expect(names("SELECT Name FROM Opportunity WHERE StageName != 'Prospecting' ORDER BY Name")).toEqual([
      'Acme Expansion',
      'Globex Pilot',
      "initech it's 100% real",
      'Orphan Deal',
    ]);
    expect(names("SELECT Name FROM Opportunity WHERE StageName <> 'Prospecting'")).toHaveLength(4);
    expect(names('SELECT Name FROM Opportunity WHERE Deal_Risk_Score__c != 0.2 ORDER BY Name')).toEqual([
      'Acme Expansion',
      'Globex Pilot',
      "initech it's 100% real",
      'Orphan Deal',
    ]);
    expect(names("SELECT Name FROM Opportunity WHERE Risk_Flags__c NOT IN ('Stalled') ORDER BY Name")).toHaveLength(4);
    // Ordering operators never match an empty field.
    expect(names('SELECT Name FROM Opportunity WHERE Amount < 10000 ORDER BY Name')).toEqual(['Globex Pilot', "initech it's 100% real"]);
  });

  it('when numbers are compared, then <, <=, >, >= follow numeric order', () => {
    const { names } = scenario();
    expect(names('SELECT Name FROM Opportunity WHERE Amount >= 12000 ORDER BY Name')).toEqual(['Acme Expansion', 'Acme Renewal']);
    expect(names('SELECT Name FROM Opportunity WHERE Amount > 12000')).toEqual(['Acme Expansion']);
    expect(names('SELECT Name FROM Opportunity WHERE Amount <= 8000.0 ORDER BY Name')).toEqual(['Globex Pilot', "initech it's 100% real"]);
    expect(names('SELECT Name FROM Opportunity WHERE Deal_Risk_Score__c > 0.5 ORDER BY Name')).toEqual(['Acme Expansion', "initech it's 100% real"]);
    expect(names('SELECT Name FROM Opportunity WHERE Amount > USD20000')).toEqual(['Acme Expansion']);
  });

  it('when text is compared, then = and IN ignore case', () => {
    const { names } = scenario();
    expect(names("SELECT Name FROM Opportunity WHERE Name = 'ACME RENEWAL'")).toEqual(['Acme Renewal']);
    expect(names("SELECT Name FROM Opportunity WHERE StageName IN ('prospecting', 'CLOSED WON') ORDER BY Name")).toEqual(['Acme Renewal', 'Globex Pilot']);
    expect(names("SELECT Name FROM Opportunity WHERE StageName NOT IN ('Prospecting', 'Closed Won', 'Closed Lost') ORDER BY Name")).toEqual(['Acme Expansion', 'Orphan Deal']);
  });

  it('when LIKE is used, then % and _ are wildcards, matching ignores case and \\% is a literal percent', () => {
    const { names } = scenario();
    expect(names("SELECT Name FROM Opportunity WHERE Name LIKE 'acme%' ORDER BY Name")).toEqual(['Acme Expansion', 'Acme Renewal']);
    expect(names("SELECT Name FROM Opportunity WHERE Name LIKE '%_ilot'")).toEqual(['Globex Pilot']);
    expect(names("SELECT Name FROM Opportunity WHERE Name LIKE '%100\\% real'")).toEqual(["initech it's 100% real"]);
    expect(names("SELECT Name FROM Opportunity WHERE Name LIKE '%10\\%%'")).toEqual([]);
  });

  it('when a string literal has escapes, then they decode', () => {
    const { names } = scenario();
    expect(names("SELECT Name FROM Opportunity WHERE Name = 'initech it\\'s 100% real'")).toEqual(["initech it's 100% real"]);
  });

  it('when INCLUDES and EXCLUDES filter a multipicklist, then ; in one literal means all of those values', () => {
    const { names } = scenario();
    expect(names("SELECT Name FROM Opportunity WHERE Risk_Flags__c INCLUDES ('Stalled') ORDER BY Name")).toEqual(['Acme Expansion', 'Acme Renewal']);
    expect(names("SELECT Name FROM Opportunity WHERE Risk_Flags__c INCLUDES ('stalled;no mobilizer')")).toEqual(['Acme Expansion']);
    expect(names("SELECT Name FROM Opportunity WHERE Risk_Flags__c INCLUDES ('Stalled;No Mobilizer', 'No Mobilizer') ORDER BY Name")).toEqual([
      'Acme Expansion',
      'Orphan Deal',
    ]);
    expect(names("SELECT Name FROM Opportunity WHERE Risk_Flags__c EXCLUDES ('No Mobilizer')")).toEqual(['Acme Renewal']);
    expect(names("SELECT Name FROM Opportunity WHERE Risk_Flags__c = 'Stalled;No Mobilizer'")).toEqual(['Acme Expansion']);
  });

  it('when booleans, dates and datetimes are compared with literals, then they match by value', () => {
    const { names } = scenario();
    expect(names('SELECT Name FROM Opportunity WHERE IsWon = TRUE')).toEqual(['Globex Pilot']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = 2026-05-12')).toEqual(['Acme Renewal']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate < 2026-01-01')).toEqual(["initech it's 100% real"]);
    expect(names('SELECT Name FROM Opportunity WHERE LastStageChangeDate > 2026-05-13T00:00:00Z')).toEqual(['Acme Expansion']);
    // 2026-05-13T01:00:00+02:00 is 2026-05-12T23:00Z: the renewal changed stage after it.
    expect(names('SELECT Name FROM Opportunity WHERE LastStageChangeDate > 2026-05-13T01:00:00+02:00 ORDER BY Name')).toEqual(['Acme Expansion', 'Acme Renewal']);
  });

  it('when ids are given with 15 characters, then they match the stored 18-character ids', () => {
    const { names, opps, accounts } = scenario();
    expect(names(`SELECT Name FROM Opportunity WHERE Id = '${opps.pilot.Id.slice(0, 15)}'`)).toEqual(['Globex Pilot']);
    expect(names(`SELECT Name FROM Opportunity WHERE AccountId IN ('${accounts.globex.Id.slice(0, 15)}', '${accounts.initech.Id}') ORDER BY Name`)).toEqual([
      'Globex Pilot',
      "initech it's 100% real",
    ]);
    expect(names(`SELECT Name FROM Opportunity WHERE Id IN ('${opps.deleted.Id}', '${opps.orphan.Id}')`)).toEqual(['Orphan Deal']);
  });

  it('when filtering on a parent path, then an empty lookup counts as null', () => {
    const { names } = scenario();
    expect(names("SELECT Name FROM Opportunity WHERE Account.Owner.Name = 'Ada Owner'")).toEqual(['Acme Expansion', 'Acme Renewal']);
    expect(names('SELECT Name FROM Opportunity WHERE Account.Name = null')).toEqual(['Orphan Deal']);
  });
});

describe('executeQuery: date literals (clock at Wednesday 2026-05-13 15:30 UTC)', () => {
  it.each([
    ['CloseDate = TODAY', []],
    ['CloseDate = YESTERDAY', ['Acme Renewal']],
    ['CloseDate = N_DAYS_AGO:1', ['Acme Renewal']],
    ['CloseDate = THIS_WEEK', ['Acme Renewal']],
    ['CloseDate = NEXT_WEEK', ['Acme Expansion']],
    ['CloseDate = NEXT_N_DAYS:7', ['Acme Expansion']],
    ['CloseDate = NEXT_N_DAYS:6', []],
    ['CloseDate = THIS_MONTH', ['Acme Expansion', 'Acme Renewal']],
    ['CloseDate = THIS_QUARTER', ['Acme Expansion', 'Acme Renewal']],
    ['CloseDate = LAST_QUARTER', ['Globex Pilot']],
    ['CloseDate = NEXT_QUARTER', ['Orphan Deal']],
    ['CloseDate = LAST_YEAR', ["initech it's 100% real"]],
    ['CloseDate = LAST_90_DAYS', ['Acme Renewal', 'Globex Pilot']],
    ['CloseDate < THIS_QUARTER', ['Globex Pilot', "initech it's 100% real"]],
    ['CloseDate > THIS_QUARTER', ['Orphan Deal']],
    ['CloseDate >= THIS_MONTH', ['Acme Expansion', 'Acme Renewal', 'Orphan Deal']],
    ['CloseDate <= LAST_QUARTER', ['Globex Pilot', "initech it's 100% real"]],
    ['LastStageChangeDate = TODAY', ['Acme Expansion']],
    ['LastStageChangeDate = YESTERDAY', ['Acme Renewal']],
    ['LastStageChangeDate = LAST_N_DAYS:1', ['Acme Expansion', 'Acme Renewal']],
    ['LastStageChangeDate != TODAY', ['Acme Renewal', 'Globex Pilot', "initech it's 100% real", 'Orphan Deal']],
  ])('when WHERE %s, then it matches %j', (condition, expected) => {
    const { names } = scenario();
    expect(names(`SELECT Name FROM Opportunity WHERE ${condition} ORDER BY Name`)).toEqual(expected);
  });
});

describe('executeQuery: ORDER BY, LIMIT, OFFSET', () => {
  it('when ordering ascending, then nulls come first and text ignores case', () => {
    const { names } = scenario();
    expect(names('SELECT Name FROM Opportunity ORDER BY Amount')).toEqual(['Orphan Deal', "initech it's 100% real", 'Globex Pilot', 'Acme Renewal', 'Acme Expansion']);
    expect(names('SELECT Name FROM Opportunity ORDER BY Account.Name, Name')).toEqual(['Orphan Deal', 'Acme Expansion', 'Acme Renewal', 'Globex Pilot', "initech it's 100% real"]);
  });

  it('when ordering descending, then nulls come last unless NULLS FIRST', () => {
    const { names } = scenario();
    expect(names('SELECT Name FROM Opportunity ORDER BY Amount DESC')).toEqual(['Acme Expansion', 'Acme Renewal', 'Globex Pilot', "initech it's 100% real", 'Orphan Deal']);
    expect(names('SELECT Name FROM Opportunity ORDER BY Amount DESC NULLS FIRST LIMIT 2')).toEqual(['Orphan Deal', 'Acme Expansion']);
    expect(names('SELECT Name FROM Opportunity ORDER BY Account.Name ASC NULLS LAST, Amount DESC')).toEqual([
      'Acme Expansion',
      'Acme Renewal',
      'Globex Pilot',
      "initech it's 100% real",
      'Orphan Deal',
    ]);
  });

  it('when several sort keys are given, then later keys break ties', () => {
    const { names } = scenario();
    expect(names('SELECT Name FROM Opportunity ORDER BY IsClosed DESC, CloseDate ASC')).toEqual(["initech it's 100% real", 'Globex Pilot', 'Acme Renewal', 'Acme Expansion', 'Orphan Deal']);
  });

  it('when LIMIT and OFFSET are given, then the window applies after ordering', () => {
    const { names, run } = scenario();
    expect(names('SELECT Name FROM Opportunity ORDER BY Name LIMIT 2 OFFSET 1')).toEqual(['Acme Renewal', 'Globex Pilot']);
    expect(run('SELECT Name FROM Opportunity ORDER BY Name OFFSET 2000').totalSize).toBe(0);
  });
});

describe('executeQuery: COUNT() and GROUP BY', () => {
  it('when SELECT COUNT(), then totalSize is the count and there are no records', () => {
    const { run } = scenario();
    expect(run('SELECT COUNT() FROM Opportunity')).toEqual({ totalSize: 5, records: [] });
    expect(run('SELECT COUNT() FROM Opportunity WHERE IsClosed = false')).toEqual({ totalSize: 3, records: [] });
    expect(run('SELECT COUNT() FROM Opportunity', { includeDeleted: true }).totalSize).toBe(6);
  });

  it('when grouping, then each group is an AggregateResult with exprN names and aliases', () => {
    const { run } = scenario();
    const result = run('SELECT IsClosed, COUNT(Id), SUM(Amount) total, MAX(CloseDate) FROM Opportunity GROUP BY IsClosed ORDER BY IsClosed');
    expect(result).toEqual({
      totalSize: 2,
      records: [
        { attributes: { type: 'AggregateResult' }, IsClosed: false, expr0: 3, total: 62_000, expr1: '2026-07-01' },
        { attributes: { type: 'AggregateResult' }, IsClosed: true, expr0: 2, total: 11_000, expr1: '2026-03-31' },
      ],
    });
  });

  it('when aggregating without GROUP BY, then one row summarises all visible rows', () => {
    const { run } = scenario();
    expect(run('SELECT COUNT(Id), COUNT(Amount), MIN(Amount), AVG(Amount), COUNT_DISTINCT(OwnerId) FROM Opportunity').records).toEqual([
      { attributes: { type: 'AggregateResult' }, expr0: 5, expr1: 4, expr2: 3000, expr3: 18_250, expr4: 2 },
    ]);
  });

  it('when grouping by a parent path, then the group key is the field name and an empty lookup forms its own group', () => {
    const { run } = scenario();
    const rows = run('SELECT Account.Name, COUNT(Id) FROM Opportunity GROUP BY Account.Name ORDER BY Account.Name').records;
    expect(rows.map((r) => [r.Name, r.expr0])).toEqual([
      [null, 1],
      ['Acme', 2],
      ['Globex', 1],
      ['initech', 1],
    ]);
    const aliased = run('SELECT Account.Name account, StageName stage, COUNT(Id) n FROM Opportunity WHERE AccountId != null GROUP BY Account.Name, StageName ORDER BY Account.Name, StageName LIMIT 1').records;
    expect(aliased).toEqual([{ attributes: { type: 'AggregateResult' }, account: 'Acme', stage: 'Negotiation/Review', n: 1 }]);
  });

  it('when a plain query aliases a field, then it is MALFORMED_QUERY', () => {
    const { run } = scenario();
    expect(errorOf(() => run('SELECT Name n FROM Opportunity')).errorCode).toBe('MALFORMED_QUERY');
  });

  it('when SELECT COUNT() has a LIMIT, then the count stops at it', () => {
    const { run } = scenario();
    expect(run('SELECT COUNT() FROM Opportunity LIMIT 2').totalSize).toBe(2);
  });

  it('when ordering groups by an aggregate, then groups sort by it', () => {
    const { run, users } = scenario();
    const rows = run('SELECT OwnerId, COUNT(Id) n FROM Opportunity GROUP BY OwnerId ORDER BY COUNT(Id) DESC').records;
    expect(rows.map((r) => [r.OwnerId, r.n])).toEqual([
      [users.ada.Id, 3],
      [users.bob.Id, 2],
    ]);
  });

  it('when a selected field is neither grouped nor aggregated, then it is MALFORMED_QUERY', () => {
    const { run } = scenario();
    const error = errorOf(() => run('SELECT Name, COUNT(Id) FROM Opportunity GROUP BY StageName'));
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain('Name');
  });
});

describe('executeQuery: deleted rows and semi-joins', () => {
  it('when querying, then deleted rows are invisible; with queryAll they appear with IsDeleted = true', () => {
    const { run } = scenario();
    expect(run("SELECT Name FROM Opportunity WHERE Name = 'Deleted Deal'").totalSize).toBe(0);
    const all = run("SELECT Name, IsDeleted FROM Opportunity WHERE Name = 'Deleted Deal'", { includeDeleted: true });
    expect(all.records.map((r) => [r.Name, r.IsDeleted])).toEqual([['Deleted Deal', true]]);
    expect(run('SELECT Id FROM Opportunity WHERE IsDeleted = true', { includeDeleted: true }).totalSize).toBe(1);
  });

  it('when a semi-join selects ids, then only rows with a matching child are kept', () => {
    const { names } = scenario();
    expect(names("SELECT Name FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole WHERE Contact.Stakeholder_Profile__c = 'Go-Getter')")).toEqual([
      'Acme Expansion',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole) AND IsClosed = false ORDER BY Name')).toEqual([
      'Acme Expansion',
      'Acme Renewal',
    ]);
  });

  it('when an anti-join excludes ids, then deleted children do not count unless queryAll', () => {
    const { names } = scenario();
    expect(names('SELECT Name FROM Opportunity WHERE Id NOT IN (SELECT OpportunityId FROM OpportunityContactRole) ORDER BY Name')).toEqual([
      'Globex Pilot',
      "initech it's 100% real",
      'Orphan Deal',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE Id NOT IN (SELECT OpportunityId FROM OpportunityContactRole) ORDER BY Name', { includeDeleted: true })).toEqual([
      'Deleted Deal',
      "initech it's 100% real",
      'Orphan Deal',
    ]);
  });

  it('when a semi-join filters a reference field or reads a polymorphic lookup, then it matches by id', () => {
    const { names } = scenario();
    expect(names("SELECT Name FROM Opportunity WHERE AccountId IN (SELECT Id FROM Account WHERE Industry = 'Energy') ORDER BY Name")).toEqual([
      'Acme Expansion',
      'Acme Renewal',
    ]);
    expect(names('SELECT Name FROM Account WHERE Id IN (SELECT WhatId FROM Task)')).toEqual(['Acme']);
    expect(names('SELECT Name FROM Opportunity WHERE Id IN (SELECT WhatId FROM Task)')).toEqual(['Acme Expansion']);
    expect(names("SELECT Name FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole) AND (StageName = 'Prospecting' OR Amount > 40000) ORDER BY Name")).toEqual([
      'Acme Expansion',
      'Acme Renewal',
    ]);
  });

  it('when a semi-join sits under OR, then it is MALFORMED_QUERY as in Salesforce', () => {
    const { run } = scenario();
    const error = errorOf(() => run('SELECT Id FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole) OR Amount > 1'));
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    const nested = errorOf(() => run('SELECT Id FROM Opportunity WHERE Amount > 1 AND (Amount < 5 OR Id IN (SELECT OpportunityId FROM OpportunityContactRole))'));
    expect(nested.errorCode).toBe('MALFORMED_QUERY');
  });
});

describe('executeQuery: FIELDS()', () => {
  it('when FIELDS(STANDARD) is selected, then the standard fields come back', () => {
    const { run } = scenario();
    const [record] = run("SELECT FIELDS(STANDARD) FROM Account WHERE Name = 'Acme'").records;
    expect(Object.keys(record!)).toEqual(['attributes', 'Id', 'IsDeleted', 'CreatedDate', 'Name', 'OwnerId', 'Industry', 'AnnualRevenue', 'Description']);
  });

  it('when FIELDS(ALL) has no LIMIT of at most 200, then it is MALFORMED_QUERY', () => {
    const { run } = scenario();
    expect(errorOf(() => run('SELECT FIELDS(ALL) FROM Opportunity')).errorCode).toBe('MALFORMED_QUERY');
    expect(run('SELECT FIELDS(ALL) FROM Opportunity LIMIT 200').totalSize).toBe(5);
  });
});
