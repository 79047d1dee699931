import { DEMO_SHIP_VIAS } from '../demo-world.js';
import { intBetween, pick, type Random } from './prng.js';
import type { Json, SimState } from './sim-state.js';
import { dayToSage, round } from './values.js';

/**
 * The demo's customers: 50 with complete addresses, mostly US and some Canada, the country as the free text
 * people really type ("USA", "United States", "Canada", "CA"…), e-mail and phone, a few ship-to locations.
 * Customers 1100 and 1400 exist because Sage's and PHP1's sample payloads name them.
 */
const COMPANIES = [
  'Mr. Ronald Black',
  'Bargain Mart - San Diego',
  'Coastal Office Supply',
  'Northwind Traders',
  'Summit Business Interiors',
  'Harbor Point Dental',
  'Greenfield Schools',
  'Prairie Medical Group',
  'Lakeside Realty',
  'Blue Ridge Architects',
  'Maple Leaf Furnishings',
  'Cascade Law Offices',
  'Redwood Accounting',
  'Desert Sun Clinic',
  'Granite State Insurance',
  'Bayview Hotels',
  'Pioneer Library',
  'Ironworks Studio',
  'Silverline Logistics',
  'Evergreen Credit Union',
];
const US = [
  ['Seattle', 'WA', '98101', '206'],
  ['Portland', 'OR', '97205', '503'],
  ['San Diego', 'CA', '92101', '619'],
  ['Denver', 'CO', '80202', '303'],
  ['Austin', 'TX', '78701', '512'],
  ['Chicago', 'IL', '60601', '312'],
  ['Columbus', 'OH', '43215', '614'],
  ['Atlanta', 'GA', '30303', '404'],
  ['Boston', 'MA', '02108', '617'],
  ['Phoenix', 'AZ', '85004', '602'],
] as const;
const CANADA = [
  ['Vancouver', 'BC', 'V6B 1A1', '604'],
  ['Toronto', 'ON', 'M5H 2N2', '416'],
  ['Calgary', 'AB', 'T2P 1J9', '403'],
] as const;
const US_COUNTRY = ['USA', 'United States', 'US', 'USA', 'U.S.A.'];
const CA_COUNTRY = ['Canada', 'CA', 'CANADA'];
const STREETS = [
  'Main St',
  'Oak Ave',
  'Market St',
  'Pine St',
  'Lake Shore Dr',
  'Industrial Way',
  'Commerce Blvd',
  'Elm St',
];

export function seedCustomers(st: SimState, random: Random): void {
  const vias = DEMO_SHIP_VIAS.map((v) => v.code);
  for (let i = 0; i < 50; i++) {
    const number = i === 0 ? '1100' : i === 1 ? '1400' : String(1100 + i * 5);
    const canadian = i % 8 === 5;
    const [city, state, zip, area] = canadian ? pick(random, CANADA) : pick(random, US);
    const name =
      i < COMPANIES.length
        ? (COMPANIES[i] as string)
        : `${pick(random, ['Acme', 'Apex', 'Vertex', 'Sterling', 'Keystone'])} ${pick(random, ['Supply', 'Offices', 'Partners', 'Group', 'Interiors'])} ${i}`;
    const email = `orders@${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example.com`;
    const phone = `${area}-555-${String(intBetween(random, 100, 9999)).padStart(4, '0')}`;
    const taxGroup = canadian
      ? 'CANTAX'
      : state === 'WA'
        ? 'WATAX'
        : state === 'CA'
          ? 'CATAX'
          : i % 11 === 0
            ? 'EXEMPT'
            : 'USDTAX';
    st.customers.set(number, {
      CustomerNumber: number,
      ShortName: name.slice(0, 10),
      CustomerName: name,
      GroupCode: i % 3 === 0 ? 'RTL' : 'WHL',
      NationalAccount: '',
      Status: 'Active',
      InactiveDate: null,
      DateLastMaintained: dayToSage(st.today() - intBetween(random, 1, 400)),
      OnHold: 'No',
      AddressLine1: `${intBetween(random, 10, 9999)} ${pick(random, STREETS)}`,
      AddressLine2: i % 4 === 0 ? `Suite ${intBetween(random, 100, 900)}` : '',
      AddressLine3: '',
      AddressLine4: '',
      City: city,
      StateProvince: state,
      ZipPostalCode: zip,
      Country: canadian ? pick(random, CA_COUNTRY) : pick(random, US_COUNTRY),
      ContactName: pick(random, ['Pat Lee', 'Sam Ortiz', 'Jordan Smith', 'Alex Chen', 'Morgan Brown', 'Casey Davis']),
      PhoneNumber: phone,
      FaxNumber: '',
      Email: email,
      ContactsEmail: email,
      ContactsPhone: phone,
      WebSite: '',
      TerritoryCode: '',
      AccountSet: canadian ? 'CAN' : 'USA',
      BillingCycle: 'BILLMT',
      CurrencyCode: canadian && i % 16 === 5 ? 'CAD' : 'USD',
      AccountType: 'OpenItem',
      Terms: 'N30',
      TaxGroup: taxGroup,
      CreditLimitCustomerCurrency: 25000,
      BalanceDueInCustomerCurrency: round(random() * 8000, 2),
      DateOfLastInvoice: dayToSage(st.today() - intBetween(random, 1, 60)),
      CustomerPriceList: 'WHS',
      FreeOnBoard: '',
      ShipViaCode: pick(random, vias),
      ShipViaDescription: '',
      PrimaryShipToLocation: '',
      InventoryLocation: String(intBetween(random, 1, 3)),
      AllowPartialShipments: true,
      UpdateOperation: 'Unspecified',
    });
    const c = st.customers.get(number) as Json;
    c['ShipViaDescription'] = st.shipVias.get(String(c['ShipViaCode']))?.['Name'] ?? '';
    if (i % 10 === 2) addShipTo(st, c, 'WH1', `${name} - Warehouse`, random);
    if (i % 10 === 7) addShipTo(st, c, 'STORE2', `${name} - Store 2`, random);
  }
}

function addShipTo(st: SimState, customer: Json, key: string, description: string, random: Random): void {
  const [city, state, zip] = pick(random, US);
  st.shipTos.set(`${customer['CustomerNumber']}\u0000${key}`, {
    CustomerNumber: customer['CustomerNumber'],
    ShipToLocationKey: key,
    Description: description,
    AddressLine1: `${intBetween(random, 10, 9999)} ${pick(random, STREETS)}`,
    AddressLine2: '',
    AddressLine3: '',
    AddressLine4: '',
    City: city,
    StateProvince: state,
    ZipPostalCode: zip,
    Country: 'USA',
    ContactName: 'Receiving',
    PhoneNumber: customer['PhoneNumber'],
    FaxNumber: '',
    Email: customer['Email'],
    TaxGroup: customer['TaxGroup'],
    SpecialInstructions: 'Deliver to the loading dock',
    CustomerPriceList: customer['CustomerPriceList'],
    FreeOnBoard: '',
    ShipViaCode: customer['ShipViaCode'],
    ShipViaDescription: customer['ShipViaDescription'],
    PrimaryShipToIndicator: 'No',
    InventoryLocation: customer['InventoryLocation'],
    UpdateOperation: 'Unspecified',
  });
}
