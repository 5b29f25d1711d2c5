import { describe, expect, it } from 'vitest';
import { expectGolden } from './expect-golden.js';
import {
  buildModel,
  examples,
  formatTrace,
  formatViews,
  loadScenario,
  renderViews,
  tracePacket,
} from '../src/index.js';
import { faultScenarios } from './faults/fault-scenarios.js';

describe('golden traces', () => {
  for (const example of examples) {
    const { scenario } = loadScenario(JSON.stringify(example.scenario));
    const model = buildModel(scenario!);
    for (const walk of example.walks) {
      it(`trace(${example.id}, ${walk.request.from} -> ${walk.request.to}) matches ${example.id}--${walk.id}.txt`, () => {
        const { trace, errors } = tracePacket(model, walk.request);
        expect(errors).toEqual([]);
        const text = (['detailed', 'summary', 'minimal'] as const)
          .map((f) => `## ${f}\n${formatTrace(trace!, f)}`)
          .join('\n');
        expectGolden(`${example.id}--${walk.id}.txt`, text);
      });
    }
    it(`show(${example.id}) matches ${example.id}--views.txt`, () => {
      expectGolden(`${example.id}--views.txt`, formatViews(renderViews(model)));
    });
  }
});

describe("golden traces of the labs' faults", () => {
  for (const fault of faultScenarios) {
    it(`trace and ${fault.host}'s views of the fault ${fault.id} match fault--${fault.id}.txt`, () => {
      const { scenario, errors } = loadScenario(JSON.stringify(fault.scenario));
      expect(errors).toEqual([]);
      const model = buildModel(scenario!);
      const { trace } = tracePacket(model, fault.walk);
      const text = [
        ...(['detailed', 'summary'] as const).map((f) => `## ${f}\n${formatTrace(trace!, f)}`),
        `## views of ${fault.host}\n${formatViews(renderViews(model, fault.host))}`,
      ].join('\n');
      expectGolden(`fault--${fault.id}.txt`, text);
    });
  }
});
