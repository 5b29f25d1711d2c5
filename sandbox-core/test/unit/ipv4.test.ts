import { describe, expect, it } from 'vitest';
import {
  cidrContains,
  cidrOverlaps,
  cidrProblem,
  formatIpv4,
  hostBounds,
  parseCidr,
  parseIpv4,
} from '../../src/addr/ipv4.js';

describe('ipv4', () => {
  it.each([
    ['192.168.200.6', 3232286726],
    ['0.0.0.0', 0],
    ['255.255.255.255', 4294967295],
  ])('parseIpv4(%s) is %i and prints back', (text, value) => {
    expect(parseIpv4(text)).toBe(value);
    expect(formatIpv4(value)).toBe(text);
  });

  it.each(['10.0.0', '256.1.1.1', '1.2.3.4.5', '', ' 1.2.3.4', 'a.b.c.d', '1.2.3.4/24'])(
    'parseIpv4 rejects %j',
    (text) => {
      expect(parseIpv4(text)).toBeNull();
    },
  );

  it('parseCidr reads a subnet and rejects host bits with the right subnet in the message', () => {
    expect(parseCidr('10.100.100.160/28')).toEqual({ network: parseIpv4('10.100.100.160'), prefixLen: 28 });
    expect(parseCidr('10.100.100.161/28')).toBeNull();
    expect(cidrProblem('10.100.100.161/28')).toContain('10.100.100.160/28');
    expect(cidrProblem('10.0.0.0/33')).toMatch(/prefix length/);
    expect(cidrProblem('10.0.0.0')).toMatch(/CIDR notation/);
  });

  it('cidrContains and cidrOverlaps follow the prefix', () => {
    const a = parseCidr('192.168.0.0/16')!;
    const b = parseCidr('192.168.200.0/24')!;
    const c = parseCidr('192.169.0.0/24')!;
    expect(cidrContains(b, parseIpv4('192.168.200.255')!)).toBe(true);
    expect(cidrContains(b, parseIpv4('192.168.201.0')!)).toBe(false);
    expect(cidrOverlaps(a, b)).toBe(true);
    expect(cidrOverlaps(b, a)).toBe(true);
    expect(cidrOverlaps(a, c)).toBe(false);
  });

  it('hostBounds leaves out the network and broadcast addresses', () => {
    const { first, last } = hostBounds(parseCidr('10.100.100.160/28')!);
    expect(formatIpv4(first)).toBe('10.100.100.161');
    expect(formatIpv4(last)).toBe('10.100.100.174');
  });
});

describe('formatIpv4 remembers what it printed', () => {
  it('prints every address the same on a repeat, and past the bound of what it remembers', () => {
    const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    const base = parseIpv4('10.0.0.0')!;
    // More addresses than the memory holds, twice over, with the edges of the address space.
    for (const n of [0, 0xffffffff, base + 70_000, base + 1])
      expect([formatIpv4(n), formatIpv4(n)]).toEqual([dotted(n), dotted(n)]);
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 70_000; i += 1) if (formatIpv4(base + i) !== dotted(base + i)) throw new Error(`${i}`);
    expect(formatIpv4(base + 69_999)).toBe('10.1.17.111');
  });
});
