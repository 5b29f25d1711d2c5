import { describe, expect, it } from 'vitest';
import { MAX_ENDPOINT_CHARS, offWireReason, parseIpv4, parseTraceRequest } from '../../src/index.js';
import { firstOffWire } from '../../src/addr/wire-address.js';

describe('parseTraceRequest', () => {
  it.each([
    [
      { from: 'VM3', to: '8.8.8.8' },
      { from: 'VM3', to: '8.8.8.8' },
    ],
    [
      { from: ' VM3 ', to: '8.8.8.8\n' },
      { from: 'VM3', to: '8.8.8.8' },
    ],
    [
      { from: 'VM3', to: 'VM4', proto: 'tcp', dport: 443 },
      { from: 'VM3', to: 'VM4', proto: 'tcp', dport: 443 },
    ],
    [
      { from: 'VM3', to: 'VM4', proto: 'udp', dport: '53' },
      { from: 'VM3', to: 'VM4', proto: 'udp', dport: 53 },
    ],
    [
      { from: 'VM3', to: 'VM4', proto: '', dport: '' },
      { from: 'VM3', to: 'VM4' },
    ],
    [
      { from: 'VM3', to: '0.1.2.3' },
      { from: 'VM3', to: '0.1.2.3' },
    ],
    [
      { from: 'VM3', to: '240.0.0.1' },
      { from: 'VM3', to: '240.0.0.1' },
    ],
    [
      { from: 'x'.repeat(MAX_ENDPOINT_CHARS), to: '8.8.8.8' },
      { from: 'x'.repeat(MAX_ENDPOINT_CHARS), to: '8.8.8.8' },
    ],
  ])('parseTraceRequest(%j) reads it as %j', (input, request) => {
    expect(parseTraceRequest(input)).toEqual({ request, errors: [] });
  });

  it.each([
    [null, '/request', 'must be an object'],
    [[1], '/request', 'must be an object'],
    [{ to: '8.8.8.8' }, '/request/from', '"" is neither a VM name nor an IPv4 address'],
    [{ from: '  ', to: '8.8.8.8' }, '/request/from', '"" is neither a VM name'],
    [{ from: 3, to: '8.8.8.8' }, '/request/from', 'not number'],
    [{ from: 'V'.repeat(65), to: '8.8.8.8' }, '/request/from', 'is too long (65 characters; at most 64'],
    [{ from: 'VM3', to: '999.1.1.1' }, '/request/to', 'is not an IPv4 address'],
    [{ from: 'VM3', to: '127.0.0.1' }, '/request/to', 'is a loopback address'],
    [{ from: 'VM3', to: '0.0.0.0' }, '/request/to', 'is the unspecified address'],
    [{ from: 'VM3', to: '255.255.255.255' }, '/request/to', 'is the limited broadcast address'],
    [{ from: 'VM3', to: '239.1.2.3' }, '/request/to', 'is a multicast address'],
    [{ from: 'VM3', to: 'VM4\u001b[2J' }, '/request/to', 'contains a control character (U+001B) at character 4'],
    [{ from: 'VM\u202e3', to: 'VM4' }, '/request/from', 'invisible format character (U+202E)'],
    [{ from: 'VM3\ud800', to: 'VM4' }, '/request/from', 'lone surrogate (U+D800) at character 4'],
    [{ from: 'VM3', to: 'VM4', proto: 'sctp' }, '/request/proto', 'protocol "sctp" is not one of icmp, tcp, udp'],
    [
      { from: 'VM3', to: 'VM4', proto: 'tcp', dport: 0 },
      '/request/dport',
      'port 0 must be a whole number from 1 to 65535',
    ],
    [{ from: 'VM3', to: 'VM4', proto: 'tcp', dport: '80x' }, '/request/dport', 'port "80x" must be'],
    [{ from: 'VM3', to: 'VM4', proto: 'tcp', dport: 65536 }, '/request/dport', 'port 65536 must be'],
    [{ from: 'VM3', to: 'VM4', dport: 80 }, '/request/dport', 'needs protocol tcp or udp; icmp has no ports'],
    [{ from: 'VM3', to: 'VM4', sport: 1 }, '/request/sport', 'unknown field'],
  ])('parseTraceRequest(%j) refuses it at %s', (input, path, message) => {
    const { request, errors } = parseTraceRequest(input);
    expect(request).toBeNull();
    expect(errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('parseTraceRequest reports every bad field at once, and no port error for a bad protocol', () => {
    const { errors } = parseTraceRequest({ from: '', to: '127.0.0.1', proto: 'ICMP', dport: 80 });
    expect(errors.map((e) => e.path)).toEqual(['/request/from', '/request/to', '/request/proto']);
  });
});

describe('offWireReason', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['127.255.255.255', 'loopback'],
    ['224.0.0.0', 'multicast'],
    ['239.255.255.255', 'multicast'],
    ['255.255.255.255', 'limited broadcast'],
  ])('offWireReason(%s) names the %s class', (ip, kind) => {
    expect(offWireReason(parseIpv4(ip)!)).toContain(kind);
  });

  it.each(['0.0.0.1', '1.0.0.0', '126.255.255.255', '128.0.0.0', '223.255.255.255', '240.0.0.0', '255.255.255.254'])(
    'offWireReason(%s) is null: Linux forwards it as unicast',
    (ip) => {
      expect(offWireReason(parseIpv4(ip)!)).toBeNull();
    },
  );
});

describe('firstOffWire', () => {
  const ip = (t: string) => parseIpv4(t)!;
  it.each([
    ['10.0.0.1', '10.0.0.254', null],
    ['126.0.0.1', '128.0.0.1', '127.0.0.0'],
    ['127.0.0.1', '127.0.0.254', '127.0.0.1'],
    ['192.0.0.1', '255.255.255.254', '224.0.0.0'],
    ['240.0.0.1', '255.255.255.254', null],
    ['240.0.0.1', '255.255.255.255', '255.255.255.255'],
    ['0.0.0.0', '0.0.0.1', '0.0.0.0'],
    ['0.0.0.1', '0.0.0.254', null],
  ])('firstOffWire(%s, %s) is %s', (first, last, expected) => {
    const found = firstOffWire(ip(first), ip(last));
    expect(found === null ? null : found).toBe(expected === null ? null : ip(expected));
  });
});
