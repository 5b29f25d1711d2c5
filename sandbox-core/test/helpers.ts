import { buildModel, examples, loadScenario, type Model } from '../src/index.js';

/** Builds the model of a course example, failing loudly if the example itself is invalid. */
export function exampleModel(id: string): Model {
  const example = examples.find((e) => e.id === id);
  if (!example) throw new Error(`no example ${id}`);
  return modelOf(example.scenario);
}

/** Builds the model of a scenario value, failing loudly on errors. */
export function modelOf(scenario: unknown): Model {
  const { scenario: resolved, errors } = loadScenario(JSON.stringify(scenario));
  if (!resolved) throw new Error(JSON.stringify(errors));
  return buildModel(resolved);
}

/** A deep copy of an example's scenario, for tests that edit it. */
export function exampleScenario(id: string): any {
  return JSON.parse(JSON.stringify(examples.find((e) => e.id === id)!.scenario));
}
