import type { OrderFields } from '../order-writes.js';
import { addressFromV2 } from './v2-convert.js';

const emptyAddress = () => addressFromV2(null);

/** Fields of a brand-new V2 shipment before the body is applied. */
export function blankFields(now: number): OrderFields {
  return {
    orderNumber: '',
    orderDate: now,
    paymentDate: null,
    shipByDate: null,
    orderStatus: 'awaiting_shipment',
    customerUsername: null,
    customerEmail: null,
    billTo: emptyAddress(),
    shipTo: emptyAddress(),
    items: [],
    amountPaid: null,
    taxAmount: null,
    shippingAmount: null,
    customerNotes: null,
    internalNotes: null,
    gift: false,
    giftMessage: null,
    paymentMethod: null,
    requestedShippingService: null,
    carrierCode: null,
    serviceCode: null,
    packageCode: null,
    confirmation: null,
    shipDate: null,
    holdUntilDate: null,
    weight: null,
    dimensions: null,
    insuranceOptions: { provider: null, insureShipment: false, insuredValue: 0 },
    internationalOptions: { contents: null, customsItems: null, nonDelivery: null },
    advancedOptions: {
      warehouseId: null,
      nonMachinable: false,
      saturdayDelivery: false,
      containsAlcohol: false,
      storeId: null,
      customField1: null,
      customField2: null,
      customField3: null,
      source: null,
      billToParty: null,
      billToAccount: null,
      billToPostalCode: null,
      billToCountryCode: null,
      billToMyOtherAccount: null,
    },
    tagIds: [],
    userId: null,
  };
}
