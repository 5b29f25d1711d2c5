import { describe, expect, it } from 'vitest';
import { checkClaim, examples } from '../../src/index.js';

const text = (id: string) => JSON.stringify(examples.find((e) => e.id === id)!.scenario);

describe('checkClaim', () => {
  it("holds for the seed article's SNAT statements", () => {
    const r = checkClaim(text('snat-seed'), {
      request: { from: 'VM3', to: '8.8.8.8' },
      expect: [
        'delivered',
        'visits network/snat',
        'source 10.100.100.162',
        'exits network',
        'tunnels 1',
        'rule 3232286721',
        'reply avoids compute1/qrouter',
        'reply delivered',
      ],
    });
    expect(r).toEqual({ ok: true, failures: [], errors: [] });
  });

  it('reports each false expectation with what was seen', () => {
    const r = checkClaim(text('snat-seed'), {
      request: { from: 'VM3', to: '8.8.8.8' },
      expect: ['avoids network', 'source 192.168.200.6', 'tunnels 0', 'dropped', 'frobnicate'],
    });
    expect(r.ok).toBe(false);
    expect(r.failures).toHaveLength(5);
    expect(r.failures[0]).toMatch(/^hop \d+ is at network /);
    expect(r.failures[1]).toContain('10.100.100.162');
    expect(r.failures[4]).toContain('unknown expectation');
  });

  it('checks refusals of the scenario with "invalid"', () => {
    const s = JSON.parse(text('snat-seed'));
    s.networks[0].subnet.cidr = '10.100.100.160/30';
    s.networks[0].subnet.gateway = '10.100.100.161';
    s.vms[0].floatingIp = true;
    const r = checkClaim(JSON.stringify(s), {
      request: { from: 'VM3', to: '8.8.8.8' },
      expect: ['invalid IpAddressGenerationFailure'],
    });
    expect(r.ok).toBe(true);
  });
});
