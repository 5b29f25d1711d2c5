import { examples, simulate, topology } from '@dvr-lab/sandbox-core';
import type { Example, Model, Trace } from './core-types';
import { diagramTopology, type DiagramTopology } from './diagram-focus';

/** An example as the build renders it: its text exactly as the sandbox starts with it, and the simulator's output. */
export interface BuiltExample {
  example: Example;
  text: string;
  trace: Trace;
  model: Model;
  topology: DiagramTopology;
}

const cache = new Map<string, BuiltExample>();

/** The text the sandbox shows for a scenario object: two-space JSON, as the form's fallback rewrite writes it too. */
export function scenarioText(scenario: unknown): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/**
 * Runs an example through the simulator at build time, once per build, for every component on the page.
 * Throws with a clear message when a chapter names an unknown example or its example no longer simulates:
 * better a failed build than a chapter that silently shows nothing.
 */
export function builtExample(id: string): BuiltExample {
  const hit = cache.get(id);
  if (hit) return hit;
  const example = examples.find((e) => e.id === id);
  if (!example)
    throw new Error(`No example "${id}" in @dvr-lab/sandbox-core; known: ${examples.map((e) => e.id).join(', ')}`);
  const text = scenarioText(example.scenario);
  const result = simulate(text, example.request);
  if (result.errors.length || !result.trace || !result.model) {
    throw new Error(
      `Example "${id}" does not simulate: ${result.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
    );
  }
  const built = {
    example,
    text,
    trace: result.trace,
    model: result.model,
    topology: diagramTopology(topology, result.model, result.trace),
  };
  cache.set(id, built);
  return built;
}

/** A DOM-id-safe form of an example id, for ids and aria references. */
export function domId(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_');
}
