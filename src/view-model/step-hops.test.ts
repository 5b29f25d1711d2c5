import { describe, expect, it } from 'vitest';
import { builtExample } from './example-data';
import { stepHops } from './step-hops';

const trace = builtExample('snat-seed').trace;

describe('stepHops', () => {
  it('finds the SNAT hop by its stage, at its index in the lab', () => {
    const [hop] = stepHops(trace, { stage: 'iptables nat POSTROUTING' });
    expect(trace.hops[hop].rule).toContain('-j SNAT --to-source 10.100.100.162');
  });

  it('names a namespace without its router id and selects every hop there', () => {
    const hops = stepHops(trace, { at: 'compute1/qrouter' });
    expect(hops.map((i) => trace.hops[i].stage.name)).toEqual(['ip rule', 'ip route', 'ip neigh']);
  });

  it('narrows a place by stage', () => {
    const hops = stepHops(trace, { at: 'compute1/br-tun', stage: 'table 1' });
    expect(hops).toHaveLength(1);
    expect(trace.hops[hops[0]].rule).toContain('mod_dl_src:fa:16:3f:00:a0:7a');
  });

  it("counts the reply's hops after the request's", () => {
    const hops = stepHops(trace, { at: 'network/snat', stage: 'conntrack', direction: 'reply' });
    expect(hops.every((i) => i >= trace.hops.length)).toBe(true);
    expect(trace.reply?.hops[hops[0] - trace.hops.length].stage.name).toBe('conntrack');
  });

  it('fails, naming what is there, for a hop the trace does not have', () => {
    expect(() => stepHops(trace, { at: 'compute1/qrouter', stage: 'iptables nat POSTROUTING' })).toThrow(
      /no hop of the request is at "compute1\/qrouter" and stage "iptables nat POSTROUTING"; the stages there are ip rule, ip route, ip neigh/,
    );
    expect(() => stepHops(trace, { at: 'compute2/qrouter' })).toThrow(/the walk visits compute1\/VM3/);
  });

  it('fails for a step that names no hop at all', () => {
    expect(() => stepHops(trace, {})).toThrow(/needs at=/);
  });
});
