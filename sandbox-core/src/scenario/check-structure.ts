import { cidrProblem, parseIpv4 } from '../addr/ipv4.js';
import { printableText, unprintableProblem } from './name-rules.js';
import type { FieldSpec } from './scenario-schema.js';
import type { ScenarioError } from './scenario-types.js';

/** Escapes one JSON pointer token (RFC 6901). */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${printableText(value.length > 40 ? value.slice(0, 40) + '…' : value)}"`;
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}

/** Checks a parsed JSON value against a field spec, collecting every problem with its pointer (never throws). */
export function checkStructure(value: unknown, spec: FieldSpec, path: string, errors: ScenarioError[]): boolean {
  const fail = (message: string) => {
    errors.push({ path, message });
    return false;
  };
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string') return fail(`must be a string, not ${describe(value)}`);
      if (spec.enum && !spec.enum.includes(value))
        return fail(`${describe(value)} is not one of ${spec.enum.map((e) => `"${e}"`).join(', ')}`);
      if (spec.minLength && value.length < spec.minLength) return fail('must not be empty');
      if (spec.maxLength && value.length > spec.maxLength)
        return fail(`is too long (${value.length} characters; at most ${spec.maxLength})`);
      if (spec.printable) {
        const problem = unprintableProblem(value);
        if (problem) return fail(problem);
      }
      return true;
    case 'ipv4':
      if (typeof value !== 'string')
        return fail(`must be an IPv4 address in dotted form (e.g. "192.168.200.6"), not ${describe(value)}`);
      if (parseIpv4(value) === null)
        return fail(
          `${describe(value)} is not an IPv4 address (four numbers 0-255 separated by dots, e.g. "192.168.200.6")`,
        );
      return true;
    case 'cidr': {
      if (typeof value !== 'string')
        return fail(`must be a subnet in CIDR notation (e.g. "192.168.200.0/24"), not ${describe(value)}`);
      const problem = cidrProblem(value);
      return problem === null ? true : fail(`${describe(value)} ${problem}`);
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return fail(`must be a whole number from ${spec.min} to ${spec.max}, not ${describe(value)}`);
      if (value < spec.min || value > spec.max)
        return fail(`${value} is out of range; it must be from ${spec.min} to ${spec.max}`);
      return true;
    case 'boolean':
      return typeof value === 'boolean' ? true : fail(`must be true or false, not ${describe(value)}`);
    case 'const':
      return value === spec.value
        ? true
        : fail(`must be ${spec.value}: this simulator reads scenario format v${spec.value}, not ${describe(value)}`);
    case 'ipv4-or-true':
      if (value === true) return true;
      if (typeof value === 'string' && parseIpv4(value) !== null) return true;
      return fail(
        `must be a floating IP address (e.g. "10.100.100.170") or true for the lowest free one, not ${describe(value)}`,
      );
    case 'array': {
      if (!Array.isArray(value)) return fail(`must be an array, not ${describe(value)}`);
      let ok = true;
      if (spec.minItems && value.length < spec.minItems)
        ok = fail(`needs at least ${spec.minItems} item${spec.minItems > 1 ? 's' : ''}`);
      if (spec.maxItems && value.length > spec.maxItems)
        return fail(`has ${value.length} items; the simulator takes at most ${spec.maxItems}`);
      value.forEach((item, i) => {
        if (!checkStructure(item, spec.items, `${path}/${i}`, errors)) ok = false;
      });
      return ok;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return fail(`a ${spec.noun} must be an object, not ${describe(value)}`);
      let ok = true;
      const record = value as Record<string, unknown>;
      for (const key of spec.required) {
        if (!Object.hasOwn(record, key))
          ok = fail(`the ${spec.noun} has no "${key}": ${firstSentence(spec.properties[key]!.description)}`);
      }
      for (const [key, item] of Object.entries(record)) {
        const sub = Object.hasOwn(spec.properties, key) ? spec.properties[key] : undefined;
        const at = `${path}/${pointerToken(key)}`;
        if (!sub) {
          errors.push({
            path: at,
            message: `unknown field "${printableText(key)}" in a ${spec.noun}; known fields: ${Object.keys(spec.properties).join(', ')}`,
          });
          ok = false;
        } else if (!checkStructure(item, sub, at, errors)) {
          ok = false;
        }
      }
      return ok;
    }
  }
}

function firstSentence(text: string): string {
  const i = text.indexOf('. ');
  return i < 0 ? text : text.slice(0, i + 1);
}
