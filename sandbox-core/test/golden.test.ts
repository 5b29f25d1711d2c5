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
