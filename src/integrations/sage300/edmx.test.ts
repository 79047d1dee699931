import { describe, expect, it } from 'vitest';
import { buildMetadata } from '../../simulators/sage300/metadata.js';
import { parseEdmx } from './edmx.js';

describe('parseEdmx', () => {
  it('reads DEVREF22’s $metadata extract', () => {
    const xml = `<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
 <Schema Namespace="Sage.CA.SBS.ERP.Sage300.AR.WebApi.Models" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <EntityType Name="Customer"><Key><PropertyRef Name="CustomerNumber" /></Key>
   <Property Name="CustomerNumber" Type="Edm.String" Nullable="false" />
   <Property Name="Status" Type="Sage.CA.SBS.ERP.Sage300.AR.WebApi.Models.StatusEnum" Nullable="false" />
   <Property Name="DateLastMaintained" Type="Edm.DateTimeOffset" />
  </EntityType></Schema>
 <Schema Namespace="Default" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <EntityContainer Name="Container"><EntitySet EntityType="Sage.CA.SBS.ERP.Sage300.AR.WebApi.Models.Customer" Name="ARCustomers" /></EntityContainer>
 </Schema></edmx:DataServices></edmx:Edmx>`;
    const model = parseEdmx(xml);
    expect([...(model.entitySets.get('ARCustomers') ?? [])]).toEqual([
      'CustomerNumber',
      'Status',
      'DateLastMaintained',
    ]);
  });

  it('reads the simulator’s documents, complex types included', () => {
    const model = parseEdmx(buildMetadata('OE'));
    expect(model.entitySets.get('OEOrders')?.has('ShipmentTrackingNumber')).toBe(true);
    expect(model.types.get('OrderDetail')?.has('QuantityShippedtodate')).toBe(true);
    expect([...model.entitySets.keys()]).toEqual(['OEOrders', 'OEInvoices', 'OEShipViaCodes']);
  });
});
