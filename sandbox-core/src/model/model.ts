import type { ResolvedScenario } from '../scenario/resolved-types.js';
import { buildHostState } from './build-host-state.js';
import { Placement } from './placement.js';
import type { HostState } from './state-types.js';

/**
 * The simulated cloud: the resolved scenario, what lives where (`placement`), and each host's state
 * built on first use, so that a trace across two hosts of a 1,000-node cloud costs what those two
 * hosts cost, and building the model stays linear in the scenario.
 */
export class Model {
  /** What lives on which host. */
  readonly placement: Placement;
  private readonly states = new Map<string, HostState>();
  private readonly hostsByName;

  constructor(readonly scenario: ResolvedScenario) {
    this.placement = new Placement(scenario);
    this.hostsByName = new Map(scenario.hosts.map((h) => [h.name, h]));
  }

  /** The host names, in scenario order. */
  hostNames(): string[] {
    return this.scenario.hosts.map((h) => h.name);
  }

  /** One host's state, built on first use; null for a name no host has. */
  host(name: string): HostState | null {
    const cached = this.states.get(name);
    if (cached) return cached;
    const host = this.hostsByName.get(name);
    if (!host) return null;
    // Built on first use: a trace touches a handful of hosts, whatever the size of the cloud.
    const state = buildHostState(this.placement, host);
    this.states.set(name, state);
    return state;
  }
}

/** Builds the model of a resolved scenario (host states follow lazily). */
export function buildModel(scenario: ResolvedScenario): Model {
  return new Model(scenario);
}
