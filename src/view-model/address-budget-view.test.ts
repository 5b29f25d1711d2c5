import { addressBudget, exampleById } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import {
  budgetCells,
  budgetHtml,
  budgetsHtml,
  budgetStatus,
  prefixOf,
  serviceSubnetWhatIf,
} from './address-budget-view';
import { escapeHtml } from './escape-html';
import { scenarioText } from './example-data';

const scenario = exampleById('dvr-vs-legacy')!.scenario as { vms: Record<string, unknown>[] };
const budgetOf = (s: unknown) => addressBudget(scenarioText(s))[0];

/** dvr-vs-legacy with `extra` more VMs, each with a floating IP, on compute1 (one fg- port there already). */
function withFloatingIps(extra: number): unknown {
  const vms = [...scenario.vms];
  for (let i = 0; i < extra; i++) vms.push({ name: `extra${i}`, host: 'compute1', network: 'Web', floatingIp: true });
  return { ...scenario, vms };
}

describe('address budget view', () => {
  it('counts the example: gateway, one qg-, two fg-, two floating IPs, 8 of 14 free', () => {
    const b = budgetOf(scenario);
    expect(b).toMatchObject({ usable: 14, used: 6, free: 8 });
    expect(budgetStatus(b)).toBe('8 of the 14 usable addresses of the /28 are free.');
    const cells = budgetCells(b);
    expect(cells).toHaveLength(14);
    expect(cells.slice(0, 6)).toEqual(['gateway', 'qg', 'fg', 'fg', 'fip', 'fip']);
    expect(cells.filter((c) => c === 'free')).toHaveLength(8);
  });

  it('says so when the last address is taken', () => {
    expect(budgetStatus(budgetOf(withFloatingIps(8)))).toMatch(
      /Every one of the 14 usable addresses of the \/28 is taken/,
    );
  });

  it('shows the /28 running out: negative free, red squares beyond the subnet, IpAddressGenerationFailure named', () => {
    const b = budgetOf(withFloatingIps(10));
    expect(b.free).toBe(-2);
    const cells = budgetCells(b);
    expect(cells).toHaveLength(16);
    expect(cells.slice(14)).toEqual(['over', 'over']);
    expect(cells).not.toContain('free');
    expect(budgetStatus(b)).toMatch(/^The \/28 has run out: this scenario needs 16 addresses/);
    const html = budgetHtml(b);
    expect(html).toContain('data-exhausted="true"');
    expect(html).toContain('IpAddressGenerationFailure');
    expect(html).toContain('<strong>Run out.</strong>');
  });

  it('leaves the strip out for a large subnet', () => {
    const big = budgetOf({
      ...scenario,
      networks: [
        { name: 'public', external: true, subnet: { cidr: '10.100.100.0/24' } },
        ...(scenario as unknown as { networks: unknown[] }).networks.slice(1),
      ],
    });
    expect(big.usable).toBe(254);
    expect(budgetCells(big)).toEqual([]);
    expect(budgetHtml(big)).not.toContain('dvr-budget-strip');
  });

  it('escapes names and says when there is nothing to count', () => {
    expect(escapeHtml('<b>"x"</b>')).toBe('&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(budgetsHtml([])).toMatch(/no external network/);
    expect(prefixOf('203.0.113.0/28')).toBe('/28');
  });
});

describe('the service-subnet what-if (Newton and later)', () => {
  const budget = (fipAgentGateways: number, free: number) =>
    ({
      network: 'public',
      cidr: '10.0.0.0/28',
      usable: 14,
      gateway: 1,
      routerGateways: 1,
      fipAgentGateways,
      floatingIps: 3,
      used: 14 - free,
      free,
    }) as const;

  it('counts the fg- ports as the public addresses saved, and says when the scenario would then fit', () => {
    expect(serviceSubnetWhatIf(budget(2, 3))).toBe(
      'With fg- ports on a service subnet, the 2 fg- ports take no public address: 2 public addresses saved, 5 free instead of 3.',
    );
    expect(serviceSubnetWhatIf(budget(3, -1))).toMatch(
      /3 public addresses saved, 2 free instead of -1, and the scenario would fit\.$/,
    );
    expect(serviceSubnetWhatIf(budget(0, 4))).toMatch(/save nothing: it has no fg- port/);
  });

  it('prints the what-if apart from the Juno table, labelled as not Juno', () => {
    const html = budgetHtml(budget(1, 0));
    expect(html).toContain(
      '<p class="dvr-budget-whatif" data-testid="budget-whatif"><strong>What if (Newton and later, not Juno):</strong>',
    );
    expect(html.indexOf('budget-whatif')).toBeGreaterThan(html.indexOf('</table>'));
    expect(html).toContain('one public address saved, 1 free instead of 0');
  });
});
