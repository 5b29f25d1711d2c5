import { describe, expect, it } from 'vitest';
import { fieldStates, getAtPointer, offsetOf, parsePointer, setFieldInText, type Locate } from './form-binding';
import { FAKE_SCENARIO_TEXT } from './test-fixtures';

const fields = [
  { label: 'Shared SNAT address', pointer: '/routers/0/externalGateway/ip', kind: 'ipv4' as const },
  { label: 'App network', pointer: '/networks/1/subnet/cidr', kind: 'cidr' as const },
  { label: 'App gateway', pointer: '/networks/1/subnet/gateway', kind: 'ipv4' as const },
];

/** A stand-in for the core's locatePointer: finds the first occurrence of the value's JSON text. */
const naiveLocate: Locate = (text, pointer) => {
  const value = getAtPointer(JSON.parse(text), pointer);
  if (value === undefined) return null;
  const at = text.indexOf(JSON.stringify(value));
  if (at < 0) return null;
  const before = text.slice(0, at).split('\n');
  const line = before.length;
  const column = (before[before.length - 1]?.length ?? 0) + 1;
  return { line, column, endLine: line, endColumn: column + JSON.stringify(value).length };
};

describe('form binding', () => {
  it('parsePointer unescapes ~0 and ~1', () => {
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('/a~1b/c~0d/0')).toEqual(['a/b', 'c~d', '0']);
  });

  it('fieldStates reads each field from the scenario text', () => {
    const states = fieldStates(FAKE_SCENARIO_TEXT, fields);
    expect(states.map((s) => [s.value, s.editable])).toEqual([
      ['10.100.100.162', true],
      ['192.168.200.0/24', true],
      ['', true],
    ]);
  });

  it('fieldStates makes every field read-only while the text is not JSON', () => {
    expect(fieldStates('{ "version": ', fields).every((s) => !s.editable)).toBe(true);
  });

  it('setFieldInText with a locator replaces only the value and keeps the reader’s formatting', () => {
    const next = setFieldInText(FAKE_SCENARIO_TEXT, '/routers/0/externalGateway/ip', '10.100.100.170', naiveLocate);
    expect(next).toBe(FAKE_SCENARIO_TEXT.replace('"10.100.100.162"', '"10.100.100.170"'));
  });

  it('setFieldInText without a usable location rewrites the JSON and sets the value', () => {
    const wrongPlace: Locate = () => ({ line: 1, column: 1, endLine: 1, endColumn: 2 });
    for (const locate of [undefined, wrongPlace]) {
      const next = setFieldInText(FAKE_SCENARIO_TEXT, '/networks/1/subnet/cidr', '10.0.0.0/24', locate);
      expect(getAtPointer(JSON.parse(next ?? ''), '/networks/1/subnet/cidr')).toBe('10.0.0.0/24');
    }
  });

  it('setFieldInText adds an optional field that is missing', () => {
    const next = setFieldInText(FAKE_SCENARIO_TEXT, '/networks/1/subnet/gateway', '192.168.200.254', naiveLocate);
    expect(getAtPointer(JSON.parse(next ?? ''), '/networks/1/subnet/gateway')).toBe('192.168.200.254');
  });

  it('setFieldInText refuses text that is not JSON and fields whose parent is missing', () => {
    expect(setFieldInText('{ nope', '/a', 'x')).toBeNull();
    expect(setFieldInText('{}', '/routers/0/externalGateway/ip', 'x')).toBeNull();
  });

  it('setFieldInText writes values as JSON strings, so quotes and markup cannot break the document', () => {
    const next = setFieldInText(FAKE_SCENARIO_TEXT, '/routers/0/externalGateway/ip', '"},<b>', naiveLocate);
    expect(getAtPointer(JSON.parse(next ?? ''), '/routers/0/externalGateway/ip')).toBe('"},<b>');
  });

  it('offsetOf converts 1-based line and column to an offset', () => {
    expect(offsetOf('ab\ncd', 2, 2)).toBe(4);
    expect(offsetOf('ab', 3, 1)).toBeNull();
  });
});
