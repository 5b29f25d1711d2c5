import { parseIpv4 } from '../addr/ipv4.js';
import { offWireReason } from '../addr/wire-address.js';
import { NAME_MAX_CHARS, printableText, unprintableProblem } from '../scenario/name-rules.js';
import type { ScenarioError } from '../scenario/scenario-types.js';
import type { TraceRequest } from './trace-types.js';

/** The longest endpoint: a VM name is at most as long as any scenario name, and an address is shorter. */
export const MAX_ENDPOINT_CHARS = NAME_MAX_CHARS;

const PROTOS: readonly string[] = ['icmp', 'tcp', 'udp'];
const FIELDS: readonly string[] = ['from', 'to', 'proto', 'dport'];
const DOTTED = /^\d+(\.\d+){3}$/;

/** The outcome of reading a packet to trace: the request, or every problem with its pointer under /request. */
export interface ParsedTraceRequest {
  request: TraceRequest | null;
  errors: ScenarioError[];
}

/**
 * The one reader of a packet to trace, for every caller: the CLI's flags, the sandbox's form fields, share links,
 * saved edits, exercises and claims. Takes typed JSON or the strings a form or a command line has (a port as
 * "443", an empty field as ""), and checks what needs no scenario: the field types and bounds, and that an
 * address can exist on the wire (`offWireReason`). Whether a name is a VM of the scenario is `tracePacket`'s
 * question. Never throws.
 */
export function parseTraceRequest(input: unknown): ParsedTraceRequest {
  const errors: ScenarioError[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return {
      request: null,
      errors: [{ path: '/request', message: 'the packet to trace must be an object with "from" and "to"' }],
    };
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!FIELDS.includes(key))
      errors.push({
        path: `/request/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        message: `unknown field in the packet to trace; known fields: ${FIELDS.join(', ')}`,
      });
  const from = endpoint(record.from, 'from', errors);
  const to = endpoint(record.to, 'to', errors);
  const proto = protocol(record.proto, errors);
  const dport = port(record.dport, proto, errors);
  if (errors.length || from === null || to === null) return { request: null, errors };
  const request: TraceRequest = { from, to };
  if (proto) request.proto = proto;
  if (dport !== undefined) request.dport = dport;
  return { request, errors };
}

function endpoint(value: unknown, side: 'from' | 'to', errors: ScenarioError[]): string | null {
  const path = `/request/${side}`;
  const fail = (message: string) => {
    errors.push({ path, message });
    return null;
  };
  if (value === undefined)
    return fail(`"" is neither a VM name nor an IPv4 address: say where the packet goes ${side}`);
  if (typeof value !== 'string') return fail(`must be a VM name or an IPv4 address as text, not ${typeof value}`);
  const text = value.trim();
  if (text === '') return fail(`"" is neither a VM name nor an IPv4 address: say where the packet goes ${side}`);
  if (text.length > MAX_ENDPOINT_CHARS)
    return fail(
      `is too long (${text.length} characters; at most ${MAX_ENDPOINT_CHARS}, the longest VM name a scenario may have)`,
    );
  const unprintable = unprintableProblem(text);
  if (unprintable) return fail(unprintable);
  if (DOTTED.test(text)) {
    const ip = parseIpv4(text);
    if (ip === null) return fail(`"${text}" is not an IPv4 address (four numbers 0-255 separated by dots)`);
    const offWire = offWireReason(ip);
    if (offWire) return fail(`${offWire}; trace to or from a unicast address`);
  }
  return text;
}

/** The protocol, undefined when not given (icmp), null when given but not one of ours. */
function protocol(value: unknown, errors: ScenarioError[]): TraceRequest['proto'] | null | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && PROTOS.includes(value)) return value as TraceRequest['proto'];
  const shown = typeof value === 'string' ? printableText(value.slice(0, 20)) : shownValue(value);
  errors.push({ path: '/request/proto', message: `protocol "${shown}" is not one of icmp, tcp, udp` });
  return null;
}

function port(
  value: unknown,
  proto: TraceRequest['proto'] | null | undefined,
  errors: ScenarioError[],
): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'string' && /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) {
    const shown = typeof value === 'string' ? `"${printableText(value.slice(0, 20))}"` : shownValue(value);
    errors.push({ path: '/request/dport', message: `port ${shown} must be a whole number from 1 to 65535` });
    return undefined;
  }
  if (proto !== 'tcp' && proto !== 'udp' && proto !== null) {
    errors.push({
      path: '/request/dport',
      message: `a destination port needs protocol tcp or udp; ${proto ?? 'icmp'} has no ports`,
    });
    return undefined;
  }
  return n;
}

/** A non-string value as a message quotes it: numbers as written, anything else as short JSON. */
function shownValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return printableText((JSON.stringify(value) ?? typeof value).slice(0, 20));
}
