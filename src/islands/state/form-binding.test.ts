import { describe, expect, it } from 'vitest';
import { locatePointer } from '@dvr-lab/sandbox-core';
import {
  fieldStates,
  getAtPointer,
  parsePointer,
  replaceStaleValue,
  setFieldInText,
  staleFieldStates,
  type Locate,
} from './form-binding';
import { FAKE_SCENARIO_TEXT } from './test-fixtures';

const fields = [
  { label: 'Shared SNAT address', pointer: '/routers/0/externalGateway/ip', kind: 'ipv4' as const },
  { label: 'App network', pointer: '/networks/1/subnet/cidr', kind: 'cidr' as const },
  { label: 'App gateway', pointer: '/networks/1/subnet/gateway', kind: 'ipv4' as const },
];

/** The core's own locator, as the sandbox injects it. */
const coreLocate: Locate = locatePointer;

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
    const next = setFieldInText(FAKE_SCENARIO_TEXT, '/routers/0/externalGateway/ip', '10.100.100.170', coreLocate);
    expect(next).toBe(FAKE_SCENARIO_TEXT.replace('"10.100.100.162"', '"10.100.100.170"'));
  });

  it('setFieldInText without a usable location rewrites the JSON and sets the value', () => {
    const wrongPlace: Locate = () => ({ line: 1, column: 1, endLine: 1, endColumn: 2, offset: 0, endOffset: 1 });
    for (const locate of [undefined, wrongPlace]) {
      const next = setFieldInText(FAKE_SCENARIO_TEXT, '/networks/1/subnet/cidr', '10.0.0.0/24', locate);
      expect(getAtPointer(JSON.parse(next ?? ''), '/networks/1/subnet/cidr')).toBe('10.0.0.0/24');
    }
  });

  it('setFieldInText adds an optional field that is missing', () => {
    const next = setFieldInText(FAKE_SCENARIO_TEXT, '/networks/1/subnet/gateway', '192.168.200.254', coreLocate);
    expect(getAtPointer(JSON.parse(next ?? ''), '/networks/1/subnet/gateway')).toBe('192.168.200.254');
  });

  it('setFieldInText refuses text that is not JSON and fields whose parent is missing', () => {
    expect(setFieldInText('{ nope', '/a', 'x')).toBeNull();
    expect(setFieldInText('{}', '/routers/0/externalGateway/ip', 'x')).toBeNull();
  });

  it('setFieldInText writes values as JSON strings, so quotes and markup cannot break the document', () => {
    const next = setFieldInText(FAKE_SCENARIO_TEXT, '/routers/0/externalGateway/ip', '"},<b>', coreLocate);
    expect(getAtPointer(JSON.parse(next ?? ''), '/routers/0/externalGateway/ip')).toBe('"},<b>');
  });

  it('setFieldInText replaces the value in place in text with CR-only and CRLF line endings', () => {
    for (const eol of ['\r', '\r\n']) {
      const text = FAKE_SCENARIO_TEXT.replace(/\n/g, eol);
      const next = setFieldInText(text, '/routers/0/externalGateway/ip', '10.100.100.170', coreLocate);
      expect(next).toBe(text.replace('"10.100.100.162"', '"10.100.100.170"'));
    }
  });

  it('staleFieldStates keeps the last parsed values while the text is broken, editable where written once', () => {
    const last = fieldStates(FAKE_SCENARIO_TEXT, fields);
    const broken = FAKE_SCENARIO_TEXT.replace('"version"', '"version');
    expect(fieldStates(broken, fields).every((s) => !s.editable && s.value === '')).toBe(true);
    const stale = staleFieldStates(broken, last);
    expect(stale.map((s) => s.value)).toEqual(last.map((s) => s.value));
    expect(stale[0].editable).toBe(true);
    const twice = broken.replace('"192.168.200.0/24"', '"192.168.200.0/24", "x": "192.168.200.0/24"');
    expect(staleFieldStates(twice, last)[1].editable).toBe(false);
  });

  it('replaceStaleValue rewrites a value written once in broken text and refuses an ambiguous one', () => {
    const broken = FAKE_SCENARIO_TEXT.replace('"version"', '"version');
    const next = replaceStaleValue(broken, '10.100.100.162', '10.100.100.170');
    expect(next).toBe(broken.replace('"10.100.100.162"', '"10.100.100.170"'));
    expect(replaceStaleValue('{"a": "x", "b": "x"', 'x', 'y')).toBeNull();
    expect(replaceStaleValue('{"a": "x"', '', 'y')).toBeNull();
  });
});
