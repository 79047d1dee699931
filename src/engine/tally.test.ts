import { describe, expect, it } from 'vitest';
import { count, outcome, type Tally } from './tally.js';

describe('tally', () => {
  it('adds to a key (1 by default), keeping the order keys first appeared in', () => {
    const t: Tally = { counts: {}, planned: [] };
    count(t, 'seen', 3);
    count(t, 'created');
    count(t, 'seen', 2);
    count(t, 'created');
    count(t, 'unchanged', 0);
    expect(t.counts).toEqual({ seen: 5, created: 2, unchanged: 0 });
    expect(Object.keys(t.counts)).toEqual(['seen', 'created', 'unchanged']);
  });

  it('the outcome is the tallies only, not the run that carries them', () => {
    const run = { counts: { sent: 1 }, planned: [], connection: { id: 7 }, secret: 'x' };
    expect(outcome(run)).toStrictEqual({ counts: { sent: 1 }, planned: [] });
  });
});
