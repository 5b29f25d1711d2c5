import { execFileSync, spawn } from 'node:child_process';

/**
 * The few things the kernel suite needs from the machine: whether it may create network
 * namespaces, a way to run `ip` and `sysctl` in batches (every process costs tens of
 * milliseconds here), and cleanup by name prefix.
 */

/** Every namespace this suite creates starts with this, then the pid of the run. */
export const NETNS_BASE = 'dvrk';

/** Why the kernel suite cannot run here, or null when it can (root, and `ip netns` works). */
export function kernelSkipReason(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root';
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (cause) {
    return `\`ip netns\` is unavailable (${String((cause as Error).message).split('\n')[0]})`;
  }
  return null;
}

/** The output of one process. */
/** Which of the root namespace's tools this machine has: without them the filter table or `brctl show` goes unchecked. */
export const rootTools: { iptables: boolean; brctl: boolean } = (() => {
  const has = (cmd: string) => {
    try {
      execFileSync(cmd, ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
      return true;
    } catch {
      return false;
    }
  };
  return { iptables: has('iptables') && has('ipset'), brctl: has('brctl') };
})();

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command with optional stdin, never throwing: the exit code says how it went. */
export function run(cmd: string, args: string[], input?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => resolve({ code: 127, stdout, stderr: stderr + String(err) }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // a command that exits early: its exit code tells
      child.stdin.end(input);
    }
  });
}

/** One process worth of replay commands: global `ip` lines, or `ip -n NS` lines (sysctls included). */
export interface Step {
  kind: 'ip' | 'ip-ns';
  ns: string | null;
  /** What the `ip -batch` of this step reads. */
  lines: string[];
}

/**
 * Groups a replay script into as few processes as keep its order: consecutive `ip netns add`
 * lines become one `ip -batch`, consecutive `ip -n NS ...` lines one `ip -n NS -batch`, and the
 * `ip netns exec NS sysctl -w ...` lines of NS join that batch as one `netns exec NS sysctl -w`
 * with every setting (ip forks sysctl itself: one process fewer per namespace).
 */
export function groupSteps(script: string[]): Step[] {
  const steps: Step[] = [];
  const push = (kind: Step['kind'], ns: string | null, line: string) => {
    const last = steps[steps.length - 1];
    if (last && last.kind === kind && last.ns === ns) last.lines.push(line);
    else steps.push({ kind, ns, lines: [line] });
  };
  for (const raw of script) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^ip netns add (\S+)$/))) push('ip', null, `netns add ${m[1]}`);
    else if ((m = line.match(/^ip -n (\S+) (.+)$/))) push('ip-ns', m[1]!, m[2]!);
    else if ((m = line.match(/^ip netns exec (\S+) sysctl -w (\S+)$/))) {
      const last = steps[steps.length - 1];
      const head = `netns exec ${m[1]} sysctl -q -w`;
      const tail = last?.lines[last.lines.length - 1];
      if (last && last.kind === 'ip-ns' && last.ns === m[1] && tail?.startsWith(head))
        last.lines[last.lines.length - 1] = `${tail} ${m[2]}`;
      else push('ip-ns', m[1]!, `${head} ${m[2]}`);
    } else if ((m = line.match(/^ip netns exec (\S+) ((?:iptables|ipset) .+)$/)))
      // The security group chains and their ipsets in the host's root namespace, one command a line.
      push('ip-ns', m[1]!, `netns exec ${m[1]} ${m[2]}`);
    else throw new Error(`the kernel runner does not know how to run: ${line}`);
  }
  return steps;
}

/** Network namespaces whose names start with a prefix. */
export async function namespacesWithPrefix(prefix: string): Promise<string[]> {
  const r = await run('ip', ['netns', 'list']);
  return r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n.startsWith(prefix));
}

/** Deletes namespaces in one process; missing ones are fine. */
export async function deleteNamespaces(names: string[]): Promise<void> {
  if (names.length === 0) return;
  await run('ip', ['-force', '-batch', '-'], names.map((n) => `netns del ${n}`).join('\n') + '\n');
}

/** Deletes what earlier runs of this suite left behind: namespaces of pids that are no longer alive. */
export async function deleteLeftovers(): Promise<number> {
  const stale = (await namespacesWithPrefix(NETNS_BASE)).filter((name) => {
    const pid = Number(name.slice(NETNS_BASE.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    if (pid === process.pid) return true;
    try {
      process.kill(pid, 0);
      return false; // another run is still alive: its namespaces are its own
    } catch {
      return true;
    }
  });
  await deleteNamespaces(stale);
  return stale.length;
}

/** Runs `fn` over items with at most `limit` at a time, keeping results in order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
