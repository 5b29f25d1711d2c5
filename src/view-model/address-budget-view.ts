import type { AddressBudget } from '@dvr-lab/sandbox-core';
import { escapeHtml } from './escape-html';

/** What a square of the budget strip stands for. */
export type BudgetCell = 'gateway' | 'qg' | 'fg' | 'fip' | 'free' | 'over';

/** Above this many usable addresses the strip is left out: the table alone says it. */
export const MAX_STRIP_CELLS = 64;

/** The lines of the budget table, in the order Neutron spends the addresses. */
export function budgetLines(b: AddressBudget): { cell: BudgetCell; label: string; count: number }[] {
  return [
    { cell: 'gateway', label: 'External gateway (the upstream router)', count: b.gateway },
    { cell: 'qg', label: 'qg- ports: one shared SNAT address per router', count: b.routerGateways },
    { cell: 'fg', label: 'fg- ports: one per compute node with a floating IP (DVR only)', count: b.fipAgentGateways },
    { cell: 'fip', label: 'Floating IPs', count: b.floatingIps },
  ];
}

/** The prefix of a subnet, e.g. "/28", as the chapter calls it. */
export function prefixOf(cidr: string): string {
  return cidr.slice(cidr.indexOf('/'));
}

/** The sentence under the budget: how many are free, or that the subnet has run out and what Neutron says then. */
export function budgetStatus(b: AddressBudget): string {
  const prefix = prefixOf(b.cidr);
  if (b.free < 0) {
    return `The ${prefix} has run out: this scenario needs ${b.used} addresses and ${b.cidr} has ${b.usable} usable. Neutron refuses the port that does not fit (IpAddressGenerationFailure), so the scenario is invalid until you free addresses or use a larger subnet.`;
  }
  if (b.free === 0)
    return `Every one of the ${b.usable} usable addresses of the ${prefix} is taken: the next floating IP, or the next compute node with one, will not fit.`;
  return `${b.free} of the ${b.usable} usable addresses of the ${prefix} are free.`;
}

/**
 * The what-if of Newton and later (not Juno): `fg-` ports take their addresses from a service subnet of the external
 * network, so they spend no public address. Says what that would save for this scenario.
 */
export function serviceSubnetWhatIf(b: AddressBudget): string {
  const n = b.fipAgentGateways;
  if (n === 0) return 'With fg- ports on a service subnet, this scenario would save nothing: it has no fg- port.';
  const free = b.free + n;
  const ports = n === 1 ? 'the fg- port takes' : `the ${n} fg- ports take`;
  const saved = n === 1 ? 'one public address saved' : `${n} public addresses saved`;
  const fits = b.free < 0 && free >= 0 ? ', and the scenario would fit' : '';
  return `With fg- ports on a service subnet, ${ports} no public address: ${saved}, ${free} free instead of ${b.free}${fits}.`;
}

/** The squares of the strip: one per usable address, coloured by what takes it, plus one red square per missing address. */
export function budgetCells(b: AddressBudget): BudgetCell[] {
  if (b.usable > MAX_STRIP_CELLS) return [];
  const out: BudgetCell[] = [];
  for (const line of budgetLines(b)) for (let i = 0; i < line.count; i++) out.push(line.cell);
  const within = out.slice(0, b.usable).concat(Array<BudgetCell>(Math.max(0, b.usable - out.length)).fill('free'));
  return within.concat(Array<BudgetCell>(Math.max(0, out.length - b.usable)).fill('over'));
}

/** One external network's budget as HTML: built at build time and reprinted by the island on every edit. */
export function budgetHtml(b: AddressBudget): string {
  const exhausted = b.free < 0;
  const cells = budgetCells(b);
  const rows = budgetLines(b)
    .map(
      (l) =>
        `<tr><th scope="row"><span class="dvr-budget-key dvr-budget-${l.cell}" aria-hidden="true"></span>${escapeHtml(l.label)}</th><td>${l.count}</td></tr>`,
    )
    .join('');
  const strip = cells.length
    ? `<div class="dvr-budget-strip" aria-hidden="true">${cells.map((c) => `<span class="dvr-budget-cell dvr-budget-${c}"></span>`).join('')}</div>`
    : '';
  return (
    `<section class="dvr-budget-net" data-exhausted="${exhausted}" data-free="${b.free}">` +
    `<p class="dvr-budget-title">Network <code>${escapeHtml(b.network)}</code>, subnet <code>${escapeHtml(b.cidr)}</code>: ${b.usable} usable addresses</p>` +
    strip +
    `<table class="dvr-budget-table"><caption class="sr-only">Public addresses of ${escapeHtml(b.network)}</caption><tbody>${rows}</tbody>` +
    `<tfoot><tr><th scope="row">Used</th><td>${b.used}</td></tr><tr class="dvr-budget-free-row"><th scope="row"><span class="dvr-budget-key dvr-budget-${exhausted ? 'over' : 'free'}" aria-hidden="true"></span>Free</th><td data-testid="budget-free">${b.free}</td></tr></tfoot></table>` +
    `<p class="dvr-budget-status" data-testid="budget-status">${exhausted ? '<strong>Run out.</strong> ' : ''}${escapeHtml(budgetStatus(b))}</p>` +
    `<p class="dvr-budget-whatif" data-testid="budget-whatif"><strong>What if (Newton and later, not Juno):</strong> ${escapeHtml(serviceSubnetWhatIf(b))}</p>` +
    `</section>`
  );
}

/** Every external network's budget as HTML, or a sentence when the scenario has none (or cannot be read). */
export function budgetsHtml(budgets: readonly AddressBudget[]): string {
  if (budgets.length === 0)
    return '<p class="dvr-budget-status">This scenario has no external network with a valid subnet, so there is no public address to count.</p>';
  return budgets.map(budgetHtml).join('');
}
