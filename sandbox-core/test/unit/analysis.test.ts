import { describe, expect, it } from 'vitest';
import { addressBudget, compareModes, examples } from '../../src/index.js';

const text = (id: string) => JSON.stringify(examples.find((e) => e.id === id)!.scenario);

describe('addressBudget', () => {
  it('counts the gateway, qg-, fg- and floating IPs of the floating-ip example\'s /28', () => {
    expect(addressBudget(text('floating-ip'))).toEqual([
      { network: 'public', cidr: '203.0.113.0/28', usable: 14, gateway: 1, routerGateways: 1, fipAgentGateways: 1, floatingIps: 1, used: 4, free: 10 },
    ]);
  });

  it('still counts when the subnet has run out (the scenario no longer validates)', () => {
    const s = JSON.parse(text('floating-ip'));
    s.networks[0].subnet.cidr = '203.0.113.0/29';
    for (let i = 0; i < 5; i++) s.vms.push({ name: `X${i}`, host: i % 2 ? 'compute1' : 'compute2', network: 'App', floatingIp: true });
    const [b] = addressBudget(JSON.stringify(s));
    expect(b).toMatchObject({ usable: 6, fipAgentGateways: 2, floatingIps: 6, free: -4 });
  });
});

describe('compareModes', () => {
  it('DVR east-west skips the network node that the legacy router hairpins through', () => {
    const { rows, errors } = compareModes(text('east-west'), [{ request: { from: 'VM1', to: 'VM2' } }]);
    expect(errors).toEqual([]);
    expect(rows[0]!.dvr).toMatchObject({ verdict: 'delivered', networkNodeHops: 0, tunnels: 2 });
    expect(rows[0]!.legacy!.networkNodeHops).toBeGreaterThan(0);
    expect(rows[0]!.legacy!.tunnels).toBe(4);
  });
});
