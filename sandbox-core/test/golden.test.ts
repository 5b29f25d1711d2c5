import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Compares text with a committed golden file; a mismatch writes `<name>.changed` beside it for review as a diff. */
function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  const changed = `${file}.changed`;
  if (UPDATE) {
    writeFileSync(file, actual);
    rmSync(changed, { force: true });
    return;
  }
  const expected = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (expected === actual) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  expect.fail(
    `${name} differs from its golden file: review with \`diff ${file} ${changed}\`, then rerun with UPDATE_GOLDEN=1 to accept`,
  );
}

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
