/** One value of one system's reference data (a ship-via, a warehouse, a service), as the reference flow read it. */
export interface ReferenceItem {
  system: 'sage300' | 'shipstation';
  kind: string;
  value: string;
  label: string;
  data: unknown;
}
