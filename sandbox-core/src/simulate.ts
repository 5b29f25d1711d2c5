import { buildModel, type Model } from './model/model.js';
import { loadScenario } from './scenario/resolve-scenario.js';
import type { ScenarioError } from './scenario/scenario-types.js';
import { tracePacket } from './trace/trace-packet.js';
import type { Trace, TraceRequest } from './trace/trace-types.js';

/** Everything a sandbox cell needs after an edit: the errors, or the model and the trace. */
export interface SimResult {
  errors: ScenarioError[];
  model: Model | null;
  trace: Trace | null;
}

/** One call for the UI: scenario text and a packet in, model and trace (or located errors) out; never throws. */
export function simulate(text: string, request: TraceRequest): SimResult {
  const { scenario, errors } = loadScenario(text);
  if (!scenario) return { errors, model: null, trace: null };
  const model = buildModel(scenario);
  const traced = tracePacket(model, request);
  return { errors: traced.errors, model, trace: traced.trace };
}
