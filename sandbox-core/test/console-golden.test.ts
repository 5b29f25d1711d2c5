import { describe, it } from 'vitest';
import { buildModel, examples, loadScenario, runCommand } from '../src/index.js';
import { consoleCommands, exampleCommands } from './console-commands.js';
import { expectGolden } from './expect-golden.js';

describe('golden console', () => {
  for (const example of examples) {
    it(`runCommand(${example.id}, every host, every console command) matches ${example.id}--console.txt`, () => {
      const model = buildModel(loadScenario(JSON.stringify(example.scenario)).scenario!);
      const out: string[] = [];
      const run = (host: string, line: string) => {
        const { output, exitCode } = runCommand(model, host, line);
        out.push(`${host}$ ${line}${exitCode === 0 ? '' : `   [exit ${exitCode}]`}`, ...(output ? [output] : []), '');
      };
      const first = model.hostNames()[0]!;
      for (const line of exampleCommands(model)) run(first, line);
      for (const host of model.hostNames()) {
        out.push(`# ${host}`, '');
        for (const line of consoleCommands(example, model, host)) run(host, line);
      }
      expectGolden(`${example.id}--console.txt`, out.join('\n'));
    });
  }
});
