import { examples, simulate } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import { EMPTY_CLOUD, labStarts } from './lab-starts';

describe('the free lab starts', () => {
  it('offers every course example and the empty cloud, each with a packet the simulator traces', () => {
    const starts = labStarts();
    expect(starts.map((s) => s.id)).toEqual([...examples.map((e) => e.id), 'empty-cloud']);
    for (const start of starts) {
      const { errors, trace } = simulate(start.text, start.request);
      expect(errors, start.id).toEqual([]);
      expect(trace, start.id).not.toBeNull();
    }
  });

  it('starts the empty cloud with one VM that leaves through the network node’s SNAT', () => {
    const { trace } = simulate(EMPTY_CLOUD.text, EMPTY_CLOUD.request);
    expect(trace!.verdict).toBe('delivered');
    expect(trace!.hops.some((h) => h.host === 'network' && h.where.startsWith('snat-'))).toBe(true);
  });
});
