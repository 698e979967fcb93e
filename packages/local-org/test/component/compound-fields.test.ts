// Compound fields (standard addresses and their geolocation parts) through jsforce 3.10.16, in
// describe, SOQL and record reads, as jsforce's own integration tests select MailingAddress.
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, restCall, startTestOrg } from '../support/local-org.js';

let org: LocalOrg;
let conn: Connection;
let accountId: string;
let addressed: string;
let unaddressed: string;
beforeAll(async () => {
  org = await startTestOrg({ dataset: 'empty' });
  conn = await loggedIn(org);
  accountId = (await conn.sobject('Account').create({ Name: 'Acme Rockets', BillingCity: 'Chicago', BillingCountry: 'United States' })).id!;
  addressed = (
    await conn.sobject('Contact').create({
      LastName: 'Mailing',
      Email: 'mary.mailing@acme.test',
      AccountId: accountId,
      MailingStreet: '233 S Wacker Dr\nSuite 100',
      MailingCity: 'Chicago',
      MailingState: 'IL',
      MailingPostalCode: '60606',
      MailingCountry: 'United States',
      MailingLatitude: 41.878876,
      MailingLongitude: -87.635915,
      MailingGeocodeAccuracy: 'Address',
    })
  ).id!;
  unaddressed = (await conn.sobject('Contact').create({ LastName: 'Nowhere', Email: 'no.where@acme.test' })).id!;
});
afterAll(async () => {
  await org.stop();
});

const MARY_ADDRESS = {
  city: 'Chicago',
  country: 'United States',
  geocodeAccuracy: 'Address',
  latitude: 41.878876,
  longitude: -87.635915,
  postalCode: '60606',
  state: 'IL',
  street: '233 S Wacker Dr\nSuite 100',
};

describe('local org compound fields', () => {
  it('when jsforce describes Contact and Account, then each address is a read-only compound of its parts, latitude and longitude included', async () => {
    const contact = await conn.describe('Contact');
    const field = (name: string) => contact.fields.find((f) => f.name === name);
    expect(field('MailingAddress')).toMatchObject({ type: 'address', soapType: 'urn:address', createable: false, updateable: false, filterable: false, sortable: false, groupable: false, compoundFieldName: null });
    for (const part of ['MailingStreet', 'MailingCity', 'MailingState', 'MailingPostalCode', 'MailingCountry', 'MailingLatitude', 'MailingLongitude', 'MailingGeocodeAccuracy']) {
      expect(field(part)?.compoundFieldName).toBe('MailingAddress');
    }
    expect(field('MailingLatitude')).toMatchObject({ type: 'double', precision: 18, scale: 15, createable: true });
    expect((field('MailingGeocodeAccuracy')?.picklistValues ?? []).map((p: { value: string }) => p.value)).toContain('Address');
    const account = await conn.describe('Account');
    expect(account.fields.find((f) => f.name === 'BillingAddress')).toMatchObject({ type: 'address', createable: false });
  });

  it('when SOQL selects an address, directly and through a parent, then it comes back as one object, or null when empty', async () => {
    const result = await conn.query<{ Id: string; MailingAddress: unknown; Account: { BillingAddress: unknown } | null }>(
      `SELECT Id, MailingAddress, Account.BillingAddress FROM Contact WHERE Id IN ('${addressed}', '${unaddressed}') ORDER BY LastName`,
    );
    expect(result.records.map((r) => r.MailingAddress)).toEqual([MARY_ADDRESS, null]);
    expect(result.records[0]!.Account?.BillingAddress).toEqual({
      city: 'Chicago',
      country: 'United States',
      geocodeAccuracy: null,
      latitude: null,
      longitude: null,
      postalCode: null,
      state: null,
      street: null,
    });
  });

  it('when jsforce runs its own findOne with MailingAddress and a select of every field, then both work', async () => {
    const found = await conn.sobject('Contact').findOne({ Email: 'mary.mailing@acme.test' }, ['Id', 'LastName', 'FirstName', 'Email', 'MailingAddress', 'CreatedDate']);
    expect(found).toMatchObject({ Id: addressed, MailingAddress: MARY_ADDRESS });
    const all = await conn.sobject('Contact').select('*').where({ Id: addressed }).execute();
    expect(all[0]).toMatchObject({ MailingAddress: MARY_ADDRESS, MailingCity: 'Chicago' });
  });

  it('when a record is read over REST, then its compound fields are built from their parts', async () => {
    const record = await conn.sobject('Contact').retrieve(addressed);
    expect((record as Record<string, unknown>).MailingAddress).toEqual(MARY_ADDRESS);
    const only = await restCall(org, conn.accessToken ?? '', `/sobjects/Contact/${addressed}?fields=MailingAddress`);
    expect(only.body).toMatchObject({ MailingAddress: MARY_ADDRESS });
  });

  it('when the parts are updated, then the compound follows; writing the compound itself is refused', async () => {
    await conn.sobject('Contact').update({ Id: addressed, MailingCity: 'Evanston', MailingLatitude: null, MailingLongitude: null });
    const [record] = (await conn.query<{ MailingAddress: Record<string, unknown> }>(`SELECT MailingAddress FROM Contact WHERE Id = '${addressed}'`)).records;
    expect(record!.MailingAddress).toMatchObject({ city: 'Evanston', latitude: null, longitude: null, street: MARY_ADDRESS.street });
    await expect(conn.sobject('Contact').update({ Id: addressed, MailingAddress: { city: 'Nope' } })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      data: { fields: ['MailingAddress'] },
    });
  });

  it('when an address is filtered, sorted, grouped or aggregated, then Salesforce\'s refusals; DISTANCE is not served', async () => {
    const refusals: [string, string, string][] = [
      ['SELECT Id FROM Contact WHERE MailingAddress = null', 'INVALID_FIELD', "field 'MailingAddress' can not be filtered in a query call"],
      ['SELECT Id FROM Contact ORDER BY MailingAddress', 'INVALID_FIELD', "field 'MailingAddress' can not be sorted in a query call"],
      ['SELECT MailingAddress, COUNT(Id) FROM Contact GROUP BY MailingAddress', 'INVALID_FIELD', "field 'MailingAddress' can not be grouped in a query call"],
      ['SELECT COUNT(MailingAddress) FROM Contact', 'MALFORMED_QUERY', 'does not support aggregate operator COUNT'],
      ["SELECT Id FROM Contact WHERE DISTANCE(MailingAddress, GEOLOCATION(41.9, -87.6), 'mi') < 20", 'MALFORMED_QUERY', 'not supported by the local org'],
    ];
    for (const [soql, errorCode, message] of refusals) {
      const error = (await conn.query(soql).then(
        () => undefined,
        (e: unknown) => e,
      )) as { errorCode: string; message: string };
      expect({ soql, errorCode: error.errorCode, message: error.message }).toEqual({ soql, errorCode, message: expect.stringContaining(message) as unknown });
    }
    // The parts stay filterable and sortable, as on Salesforce.
    const near = await conn.query(`SELECT Id FROM Contact WHERE MailingCity = 'Evanston' ORDER BY MailingPostalCode`);
    expect(near.totalSize).toBe(1);
  });
});
