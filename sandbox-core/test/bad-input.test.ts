/**
 * The bad-scenario corpus (test/corpus/**.case): every case is scenario text a reader
 * could type, with the located errors the simulator must give back. Nothing may throw,
 * every problem must come back with its JSON pointer and a message saying what is wrong.
 * @see sandbox-core/README.md, CLI errors; issue 2 "Bad input".
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildModel,
  loadScenario,
  simulate,
  tracePacket,
  type ScenarioError,
  type TraceRequest,
} from '../src/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(HERE, 'corpus');
const PACKAGE = join(HERE, '..');
const SEPARATOR = '\n--- scenario ---\n';

/** One expected error: the path exactly, a distinctive part of the message, and for syntax errors where it is. */
interface Expected {
  path: string;
  messageIncludes: string;
  line?: number;
  column?: number;
}

/** One corpus case as read from its file. */
interface Case {
  id: string;
  name: string;
  text: string;
  errors: Expected[];
  request?: TraceRequest;
}

/**
 * Cases whose expectation the current code does not meet yet: each is a validator or tracer bug.
 * The suite asserts they still fail, so it stays honest and green; when one is fixed its test
 * fails with "fixed", and the case moves out of this list.
 */
// Cases that document a bug not fixed yet: the test asserts they still fail, so fixing one turns it red until it is removed here.
const KNOWN_BUGS: Record<string, string> = {};

function readCase(file: string): Case {
  const raw = readFileSync(file, 'utf8');
  const at = raw.indexOf(SEPARATOR);
  if (at < 0) throw new Error(`${file}: no "--- scenario ---" line`);
  const header = JSON.parse(raw.slice(0, at)) as {
    name: string;
    errors: Expected[];
    request?: TraceRequest;
    generated?: { prefix: string; repeat: string; times: number; suffix: string };
  };
  const g = header.generated;
  const text = g ? g.prefix + g.repeat.repeat(g.times) + g.suffix : raw.slice(at + SEPARATOR.length);
  const id = relative(CORPUS, file)
    .replace(/\\/g, '/')
    .replace(/\.case$/, '');
  return { id, name: header.name, text, errors: header.errors, request: header.request };
}

function listCases(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory() ? listCases(join(dir, d.name)) : d.name.endsWith('.case') ? [join(dir, d.name)] : [],
    )
    .sort();
}

const cases = listCases(CORPUS).map(readCase);

/** The errors a case produces: from loadScenario, or for a request case from tracePacket and simulate (which must agree). */
function run(c: Case): ScenarioError[] {
  if (!c.request) {
    const result = loadScenario(c.text);
    expect(result.scenario, 'a bad scenario must not load').toBeNull();
    return result.errors;
  }
  const loaded = loadScenario(c.text);
  expect(loaded.errors, 'the scenario of a request case must be valid').toEqual([]);
  const traced = tracePacket(buildModel(loaded.scenario!), c.request);
  expect(traced.trace, 'a bad request must not be traced').toBeNull();
  const sim = simulate(c.text, c.request);
  expect(sim.model).not.toBeNull();
  expect(sim.trace).toBeNull();
  expect(sim.errors).toEqual(traced.errors);
  return traced.errors;
}

function matches(e: ScenarioError, x: Expected): boolean {
  return (
    e.path === x.path &&
    e.message.includes(x.messageIncludes) &&
    (x.line === undefined || e.line === x.line) &&
    (x.column === undefined || e.column === x.column)
  );
}

/** Every check a case must pass; throws (an assertion error) on the first that does not. */
function check(c: Case): void {
  let errors: ScenarioError[] = [];
  expect(() => (errors = run(c)), 'bad input must never throw').not.toThrow();
  expect(errors.length).toBeGreaterThanOrEqual(c.errors.length);
  for (const e of errors) {
    expect(typeof e.path).toBe('string');
    expect(e.path === '' || e.path.startsWith('/'), `path ${JSON.stringify(e.path)} is a JSON pointer`).toBe(true);
    expect(typeof e.message === 'string' && e.message.length > 0, 'message is a sentence').toBe(true);
    if (e.message.startsWith('JSON syntax error')) {
      expect(Number.isInteger(e.line) && e.line! >= 1, 'a syntax error has a line').toBe(true);
      expect(Number.isInteger(e.column) && e.column! >= 1, 'a syntax error has a column').toBe(true);
    }
  }
  for (const x of c.errors) {
    expect(
      errors.some((e) => matches(e, x)),
      `expected ${JSON.stringify(x)} among ${JSON.stringify(errors, null, 1)}`,
    ).toBe(true);
  }
}

describe('bad-input corpus', () => {
  it('holds at least 70 cases, each with a name and at least one expected error', () => {
    expect(cases.length).toBeGreaterThanOrEqual(70);
    for (const c of cases) {
      expect(c.name, c.id).toMatch(/\S/);
      expect(c.errors.length, c.id).toBeGreaterThan(0);
      for (const x of c.errors) expect(x.messageIncludes.length, c.id).toBeGreaterThan(0);
    }
    expect(new Set(cases.map((c) => c.name)).size, 'case names are unique').toBe(cases.length);
  });

  it('lists only existing cases in KNOWN_BUGS', () => {
    const ids = new Set(cases.map((c) => c.id));
    for (const id of Object.keys(KNOWN_BUGS)) expect(ids.has(id), id).toBe(true);
  });

  it('syntax cases assert the line and column of a syntax error', () => {
    const syntax = cases.filter((c) => c.id.startsWith('syntax/'));
    expect(syntax.length).toBeGreaterThan(0);
    for (const c of syntax)
      for (const x of c.errors) expect(x.line !== undefined && x.column !== undefined, c.id).toBe(true);
  });

  for (const c of cases) {
    if (c.id in KNOWN_BUGS) {
      it(`(known bug, ${c.id}) ${c.name}`, () => {
        let failed = false;
        try {
          check(c);
        } catch {
          failed = true;
        }
        expect(failed, `${c.id} now passes: the bug is fixed, remove it from KNOWN_BUGS`).toBe(true);
      });
    } else {
      it(c.name, () => check(c));
    }
  }
});

/** The five cases run through the real `dvr-sim check --json`: exit 2 and the same errors on stdout. */
const CLI_CASES = [
  'syntax/trailing-comma-in-object',
  'schema/cidr-host-bits',
  'semantic/floating-ip-outside-external',
  'semantic/external-subnet-exhausted-by-floating-ips',
  'semantic/several-duplicate-names',
];

describe('dvr-sim check --json on the corpus', () => {
  const bin = join(PACKAGE, 'bin', 'dvr-sim.js');
  let dir = '';
  beforeAll(async () => {
    // The bin runs the compiled CLI: build it unless dist is already there.
    if (!existsSync(join(PACKAGE, 'dist', 'cli', 'main.js')))
      await promisify(execFile)('npm', ['run', 'build'], { cwd: PACKAGE });
    dir = mkdtempSync(join(tmpdir(), 'dvr-sim-corpus-'));
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const id of CLI_CASES) {
    const c = cases.find((k) => k.id === id);
    it(`dvr-sim check --json exits 2 with the corpus errors for ${id}`, async () => {
      expect(c, id).toBeDefined();
      const file = join(dir, `${id.replace('/', '--')}.json`);
      writeFileSync(file, c!.text);
      const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        execFile(process.execPath, [bin, 'check', file, '--json'], (error, out) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout: out }),
        );
      });
      expect(code).toBe(2);
      const printed = JSON.parse(stdout) as { errors: ScenarioError[] };
      expect(Array.isArray(printed.errors)).toBe(true);
      expect(printed.errors.map((e) => e.path)).toEqual(loadScenario(c!.text).errors.map((e) => e.path));
      for (const x of c!.errors)
        expect(
          printed.errors.some((e) => matches(e, x)),
          JSON.stringify(x),
        ).toBe(true);
    });
  }
});
