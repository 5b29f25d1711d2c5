import { runCommand } from '../console/run-command.js';
import { buildModel } from '../model/model.js';
import { replayScript } from '../replay/replay-script.js';
import { loadScenario } from '../scenario/resolve-scenario.js';
import { printableJson, printableText } from '../scenario/name-rules.js';
import type { ScenarioError } from '../scenario/scenario-types.js';
import { formatTrace, type TraceFormat } from '../trace/format-trace.js';
import { parseTraceRequest } from '../trace/parse-trace-request.js';
import { tracePacket } from '../trace/trace-packet.js';
import { formatViews, renderViews, viewsToJson } from '../views/render-views.js';

/** What the CLI needs from its process, so tests can run it in-process as well as through the real bin. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}

const USAGE = `usage:
  dvr-sim trace <scenario.json> --from <VM name | IPv4> --to <VM name | IPv4>
                [--proto icmp|tcp|udp] [--dport N] [--json] [--format detailed|summary|minimal]
  dvr-sim show  <scenario.json> [--host NAME] [--json]
  dvr-sim check <scenario.json> [--json]
  dvr-sim replay <scenario.json> --host NAME [--prefix P] [--json]
  dvr-sim exec  <scenario.json> --host NAME '<console command>' [--json]
`;

const FLAGS: Record<string, 'value' | 'bool'> = {
  '--from': 'value',
  '--to': 'value',
  '--proto': 'value',
  '--dport': 'value',
  '--format': 'value',
  '--host': 'value',
  '--prefix': 'value',
  '--json': 'bool',
  '--help': 'bool',
};

/**
 * Runs `dvr-sim` with its arguments; returns the exit status (0 computed, 2 invalid scenario or arguments;
 * `exec` returns the console command's own status, as the real tool would exit).
 */
export async function main(argv: string[], raw: CliIo): Promise<number> {
  const json = argv.includes('--json');
  // Defence in depth behind the scenario checks: nothing this command prints can move a terminal's cursor,
  // clear its screen or forge a line (text escapes what a terminal would act on; JSON writes it as \u escapes).
  const io: CliIo = {
    ...raw,
    stdout: { write: (text: string) => raw.stdout.write(printableText(text, true)) },
    stderr: { write: (text: string) => raw.stderr.write(printableText(text, true)) },
  };
  const fail = (errors: ScenarioError[]) => {
    if (json) io.stdout.write(printableJson({ errors }) + '\n');
    else
      for (const e of errors)
        io.stderr.write(`${printableText(e.path) || '(scenario)'}: ${printableText(e.message)}\n`);
    return 2;
  };
  const [command, file, ...rest] = argv;
  if (command === '--help' || command === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (!command || !['trace', 'show', 'check', 'replay', 'exec'].includes(command)) {
    io.stderr.write(
      `dvr-sim: ${command ? `unknown command "${printableText(command)}"` : 'missing command'}\n${USAGE}`,
    );
    return 2;
  }
  if (!file || file.startsWith('--')) {
    io.stderr.write(`dvr-sim ${command}: missing scenario file\n${USAGE}`);
    return 2;
  }
  const opts: Record<string, string | true> = {};
  /** The console line of `exec`: its one argument that is not an option. */
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    if (command === 'exec' && !flag.startsWith('--')) {
      words.push(flag);
      continue;
    }
    const kind = FLAGS[flag];
    if (!kind) return fail([{ path: '', message: `unknown option "${flag}"` }]);
    if (kind === 'bool') opts[flag] = true;
    else {
      const value = rest[++i];
      if (value === undefined) return fail([{ path: '', message: `option ${flag} needs a value` }]);
      opts[flag] = value;
    }
  }
  let text: string;
  try {
    text = await io.readFile(file, 'utf8');
  } catch (cause) {
    return fail([
      { path: '', message: `cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}` },
    ]);
  }
  const { scenario, errors } = loadScenario(text);
  if (!scenario) return fail(errors);
  if (command === 'check') {
    io.stdout.write(
      json
        ? printableJson({ errors: [] }) + '\n'
        : `${file}: valid (${scenario.hosts.length} hosts, ${scenario.networks.length} networks, ${scenario.routers.length} routers, ${scenario.vms.length} VMs)\n`,
    );
    return 0;
  }
  const model = buildModel(scenario);
  if (command === 'show') {
    const host = opts['--host'];
    if (typeof host === 'string' && !model.host(host))
      return fail([{ path: '', message: `no host named "${host}"; known hosts: ${model.hostNames().join(', ')}` }]);
    const views = renderViews(model, typeof host === 'string' ? host : undefined);
    io.stdout.write(json ? printableJson(viewsToJson(views)) + '\n' : formatViews(views));
    return 0;
  }
  if (command === 'replay') {
    const host = opts['--host'];
    const prefix = opts['--prefix'] ?? 'dvr-';
    if (typeof host !== 'string')
      return fail([{ path: '', message: `replay needs --host NAME; known hosts: ${model.hostNames().join(', ')}` }]);
    if (typeof prefix !== 'string' || !/^[A-Za-z0-9_.-]{0,20}$/.test(prefix))
      return fail([
        { path: '', message: `--prefix must be at most 20 letters, digits, '.', '_' or '-', not "${String(prefix)}"` },
      ]);
    const script = replayScript(model, host, { prefix });
    if (!script)
      return fail([{ path: '', message: `no host named "${host}"; known hosts: ${model.hostNames().join(', ')}` }]);
    io.stdout.write(json ? printableJson(script) + '\n' : script.join('\n') + '\n');
    return 0;
  }
  if (command === 'exec') {
    const host = opts['--host'];
    if (typeof host !== 'string')
      return fail([{ path: '', message: `exec needs --host NAME; known hosts: ${model.hostNames().join(', ')}` }]);
    if (words.length !== 1)
      return fail([
        {
          path: '',
          message: `exec needs the console command as one quoted argument, e.g. 'ip netns' (got ${words.length})`,
        },
      ]);
    const { output, exitCode } = runCommand(model, host, words[0]!);
    if (json) io.stdout.write(printableJson({ output, exitCode }) + '\n');
    else if (output) (exitCode === 0 ? io.stdout : io.stderr).write(output + '\n');
    return exitCode;
  }
  const argErrors: ScenarioError[] = [];
  if (typeof opts['--from'] !== 'string') argErrors.push({ path: '', message: 'trace needs --from <VM name | IPv4>' });
  if (typeof opts['--to'] !== 'string') argErrors.push({ path: '', message: 'trace needs --to <VM name | IPv4>' });
  const format = (opts['--format'] ?? 'detailed') as string;
  if (!['detailed', 'summary', 'minimal'].includes(format))
    argErrors.push({ path: '', message: `--format must be detailed, summary or minimal, not "${format}"` });
  if (argErrors.length) return fail(argErrors);
  // The flags as typed: the core's one request parser says what is wrong with them, as it does for the site.
  const parsed = parseTraceRequest({
    from: opts['--from'],
    to: opts['--to'],
    ...(opts['--proto'] === undefined ? {} : { proto: opts['--proto'] }),
    ...(opts['--dport'] === undefined ? {} : { dport: opts['--dport'] }),
  });
  if (!parsed.request) return fail(parsed.errors);
  const request = parsed.request;
  const { trace, errors: traceErrors } = tracePacket(model, request);
  if (!trace) return fail(traceErrors);
  io.stdout.write(json ? printableJson(trace) + '\n' : formatTrace(trace, format as TraceFormat));
  return 0;
}
