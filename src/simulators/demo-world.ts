/**
 * The demo distributor, shared by both simulators' `demo` seeds so that names line up across the two
 * systems exactly as they would at a real customer who set ShipStation up to mirror Sage 300:
 * Sage locations ↔ ShipStation warehouses (and inventory warehouses), Sage ship-via descriptions ↔
 * ShipStation carrier services. Two ship-via codes deliberately have no ShipStation service (LTL freight,
 * will-call): the connector maps them to "not through ShipStation".
 *
 * Only names and codes live here; each simulator builds its own records from them.
 */
export const DEMO_COMPANY = 'SAMINC';

export const DEMO_SAGE_USER = 'WEBAPI';
export const DEMO_SAGE_PASSWORD = 'WEBAPI';
/**
 * A second Sage user whose password has lower-case letters: with `--mixed-case-passwords` only the typed
 * case opens it (the connector must then send it as typed, `--keep-case`); otherwise its upper case does.
 */
export const DEMO_SAGE_MIXED_USER = 'WEBAPI2';
export const DEMO_SAGE_MIXED_PASSWORD = 'Ship-Ready1';
export const DEMO_V1_KEY = 'demo-v1-key';
export const DEMO_V1_SECRET = 'demo-v1-secret';
export const DEMO_V2_KEY = 'demo-v2-key';

export interface DemoLocation {
  /** Sage `ICLocations.LocationKey` (Sage location codes are at most 6 characters). */
  code: string;
  /** Sage location name = ShipStation warehouse name = V2 inventory warehouse name. */
  name: string;
  /** The single V2 inventory location created in that inventory warehouse. */
  inventoryLocationName: string;
  address: { street1: string; city: string; state: string; postalCode: string; country: string; phone: string };
}

export const DEMO_LOCATIONS: readonly DemoLocation[] = [
  {
    code: '1',
    name: 'Seattle Warehouse',
    inventoryLocationName: 'Seattle Warehouse Main Floor',
    address: {
      street1: '1200 Airport Way S',
      city: 'Seattle',
      state: 'WA',
      postalCode: '98134',
      country: 'US',
      phone: '206-555-0100',
    },
  },
  {
    code: '2',
    name: 'Chicago Warehouse',
    inventoryLocationName: 'Chicago Warehouse Main Floor',
    address: {
      street1: '4400 W 45th St',
      city: 'Chicago',
      state: 'IL',
      postalCode: '60632',
      country: 'US',
      phone: '312-555-0100',
    },
  },
  {
    code: '3',
    name: 'Atlanta Warehouse',
    inventoryLocationName: 'Atlanta Warehouse Main Floor',
    address: {
      street1: '2100 Fulton Industrial Blvd',
      city: 'Atlanta',
      state: 'GA',
      postalCode: '30336',
      country: 'US',
      phone: '404-555-0100',
    },
  },
];

export interface DemoCarrierService {
  /** ShipStation carrier code (V1 `carrierCode`, V2 `carrier_code`). */
  carrierCode: string;
  /** ShipStation service code. */
  serviceCode: string;
  /** ShipStation's display name of the service (with the carriers' own ® marks, as the real API shows). */
  serviceName: string;
  domestic: boolean;
  international: boolean;
}

export interface DemoCarrier {
  code: string;
  name: string;
  accountNumber: string;
  services: readonly DemoCarrierService[];
  packages: readonly { code: string; name: string }[];
}

export const DEMO_CARRIERS: readonly DemoCarrier[] = [
  {
    code: 'ups',
    name: 'UPS',
    accountNumber: 'A1B2C3',
    services: [
      {
        carrierCode: 'ups',
        serviceCode: 'ups_ground',
        serviceName: 'UPS® Ground',
        domestic: true,
        international: false,
      },
      {
        carrierCode: 'ups',
        serviceCode: 'ups_2nd_day_air',
        serviceName: 'UPS 2nd Day Air®',
        domestic: true,
        international: false,
      },
      {
        carrierCode: 'ups',
        serviceCode: 'ups_next_day_air',
        serviceName: 'UPS Next Day Air®',
        domestic: true,
        international: false,
      },
      {
        carrierCode: 'ups',
        serviceCode: 'ups_standard_international',
        serviceName: 'UPS Standard®',
        domestic: false,
        international: true,
      },
    ],
    packages: [
      { code: 'package', name: 'Package' },
      { code: 'ups_letter', name: 'UPS Letter' },
    ],
  },
  {
    code: 'fedex',
    name: 'FedEx',
    accountNumber: '510087020',
    services: [
      {
        carrierCode: 'fedex',
        serviceCode: 'fedex_ground',
        serviceName: 'FedEx Ground®',
        domestic: true,
        international: false,
      },
      {
        carrierCode: 'fedex',
        serviceCode: 'fedex_2day',
        serviceName: 'FedEx 2Day®',
        domestic: true,
        international: false,
      },
      {
        carrierCode: 'fedex',
        serviceCode: 'fedex_standard_overnight',
        serviceName: 'FedEx Standard Overnight®',
        domestic: true,
        international: false,
      },
      {
        carrierCode: 'fedex',
        serviceCode: 'fedex_international_economy',
        serviceName: 'FedEx International Economy®',
        domestic: false,
        international: true,
      },
    ],
    packages: [
      { code: 'package', name: 'Package' },
      { code: 'fedex_envelope', name: 'FedEx Envelope' },
    ],
  },
  {
    code: 'usps',
    name: 'USPS',
    accountNumber: 'SS123',
    services: [
      {
        carrierCode: 'usps',
        serviceCode: 'usps_priority_mail',
        serviceName: 'USPS Priority Mail',
        domestic: true,
        international: false,
      },
      {
        carrierCode: 'usps',
        serviceCode: 'usps_ground_advantage',
        serviceName: 'USPS Ground Advantage',
        domestic: true,
        international: false,
      },
      {
        carrierCode: 'usps',
        serviceCode: 'usps_priority_mail_express',
        serviceName: 'USPS Priority Mail Express',
        domestic: true,
        international: false,
      },
      {
        carrierCode: 'usps',
        serviceCode: 'usps_priority_mail_international',
        serviceName: 'USPS Priority Mail International',
        domestic: false,
        international: true,
      },
    ],
    packages: [
      { code: 'package', name: 'Package' },
      { code: 'flat_rate_envelope', name: 'Flat Rate Envelope' },
    ],
  },
];

export interface DemoShipVia {
  /** Sage `OEShipViaCodes.Code` (at most 6 characters). */
  code: string;
  /** Sage `OEShipViaCodes.Name`: the description users see; names the ShipStation service it matches. */
  name: string;
  /** The ShipStation service it corresponds to, or null when the goods do not ship through ShipStation. */
  service: { carrierCode: string; serviceCode: string } | null;
}

export const DEMO_SHIP_VIAS: readonly DemoShipVia[] = [
  { code: 'UPSGND', name: 'UPS Ground', service: { carrierCode: 'ups', serviceCode: 'ups_ground' } },
  { code: 'UPS2DA', name: 'UPS 2nd Day Air', service: { carrierCode: 'ups', serviceCode: 'ups_2nd_day_air' } },
  { code: 'UPSNDA', name: 'UPS Next Day Air', service: { carrierCode: 'ups', serviceCode: 'ups_next_day_air' } },
  { code: 'FDXGND', name: 'FedEx Ground', service: { carrierCode: 'fedex', serviceCode: 'fedex_ground' } },
  { code: 'FDX2DY', name: 'FedEx 2Day', service: { carrierCode: 'fedex', serviceCode: 'fedex_2day' } },
  {
    code: 'FDXSON',
    name: 'FedEx Standard Overnight',
    service: { carrierCode: 'fedex', serviceCode: 'fedex_standard_overnight' },
  },
  { code: 'USPSPM', name: 'USPS Priority Mail', service: { carrierCode: 'usps', serviceCode: 'usps_priority_mail' } },
  {
    code: 'USPSGA',
    name: 'USPS Ground Advantage',
    service: { carrierCode: 'usps', serviceCode: 'usps_ground_advantage' },
  },
  { code: 'LTLFRT', name: 'Cross-Country Trucking LTL Freight', service: null },
  { code: 'WILLCL', name: 'Will Call - Customer Pickup', service: null },
];

export const DEMO_STORE = {
  storeId: 310001,
  storeName: 'Sage 300 Orders',
  marketplaceId: 0,
  marketplaceName: 'ShipStation',
};
