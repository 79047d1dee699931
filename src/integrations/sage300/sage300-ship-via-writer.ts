import type { SageShipVia } from '../../domain/sage.js';
import type { ShipViaWriter } from '../../engine/inventory/ports.js';
import type { Sage300Client } from './client.js';
import { Sage300ApiError } from './errors.js';
import { shipViaSchema } from './schemas.js';

/** Sage 300 ship-via codes: read, and created with `POST OE/OEShipViaCodes` (full CRUD, sheet §4.9). */
export class Sage300ShipViaWriter implements ShipViaWriter {
  constructor(private readonly client: Sage300Client) {}

  async shipVias(): Promise<SageShipVia[]> {
    const rows = await this.client.listAll('OE', 'OEShipViaCodes', { schema: shipViaSchema });
    return rows.map((r) => ({ code: r.Code, name: r.Name ?? r.Code }));
  }

  /** Never retried (a POST); a 409 RecordDuplicate says the code is taken. */
  async createShipVia(code: string, name: string): Promise<'created' | 'exists'> {
    try {
      await this.client.post('OE', 'OEShipViaCodes', { Code: code, Name: name });
      return 'created';
    } catch (error) {
      if (error instanceof Sage300ApiError && error.sageCode === 'RecordDuplicate') return 'exists';
      throw error;
    }
  }
}
