import type { Core } from './load-core';
import type { ScenarioError, Trace, TraceRequest } from './core-types';
import type { LiveResult } from './sandbox-store';

/** A packet's walk over the sandbox's last valid model, or why it cannot be traced there. */
export interface Traced {
  trace: Trace | null;
  errors: ScenarioError[];
}

const cache = new WeakMap<LiveResult, Map<string, Traced>>();

/**
 * The walk of a packet on the scenario the sandbox last ran: the sandbox's own trace when it is the sandbox's
 * packet, else traced once on the sandbox's model and shared by every island that asks for it (exercises, claims),
 * so an edit parses and models the scenario once, whatever the page holds.
 */
export function traceOn(core: Pick<Core, 'tracePacket'>, result: LiveResult, request: TraceRequest): Traced {
  const key = JSON.stringify(request);
  if (result.request && JSON.stringify(result.request) === key) return { trace: result.trace, errors: [] };
  let traces = cache.get(result);
  if (!traces) cache.set(result, (traces = new Map<string, Traced>()));
  let traced = traces.get(key);
  if (!traced) {
    traced = core.tracePacket(result.model, request);
    traces.set(key, traced);
  }
  return traced;
}

/** The scenario's own problems (not those of the sandbox's packet, which another packet does not share). */
export function scenarioErrors(errors: readonly ScenarioError[]): ScenarioError[] {
  return errors.filter((e) => !e.path.startsWith('/request'));
}
