import { orderStateWords } from '../../../domain/records.js';

/**
 * The orders page's one-line summary: "3 on hold (in Sage 300 and ShipStation); 1 partly shipped, written
 * back so far; 1 in ShipStation, awaiting shipment." Each state's words start lower-case mid-sentence, but
 * product names keep their capitals, and the one state worded as a verb agrees with its count.
 */
export function ordersSummary(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([state, n]) => {
    const words = orderStateWords(state).replace(/_/g, ' ');
    const agreed = n === 1 ? words : words.replace(/^Needs /, 'Need ');
    return `${n} ${agreed.charAt(0).toLowerCase()}${agreed.slice(1)}`;
  });
  return parts.length === 0 ? '' : `${parts.join('; ')}.`;
}
