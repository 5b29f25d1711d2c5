import { v5 as uuidv5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { deriveMac, deriveUuid, deviceName } from '../../src/ids/derive-id.js';

describe('derive-id', () => {
  it('deriveUuid is a stable RFC 4122 uuid of kind and name', () => {
    const a = deriveUuid('router', 'router1');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deriveUuid('router', 'router1')).toBe(a);
    expect(deriveUuid('network', 'router1')).not.toBe(a);
  });

  it('deriveUuid gives the same uuid on a repeated call (from its cache) as RFC 4122 v5 computes it', () => {
    const names = Array.from({ length: 300 }, (_, i) => `port-${i}`);
    const first = names.map((n) => deriveUuid('port', n));
    expect(names.map((n) => deriveUuid('port', n))).toEqual(first);
    expect(first[7]).toBe(uuidv5('port:port-7', '6f1c0a2b-9d4e-4c37-8a55-2f0e1b7d3c91'));
  });

  it('deriveMac keeps the prefix and never repeats a taken MAC', () => {
    const taken = new Set<string>();
    const macs = Array.from({ length: 500 }, (_, i) => deriveMac('fa:16:3e', `seed${i % 250}`, taken));
    expect(new Set(macs).size).toBe(500);
    for (const mac of macs) expect(mac).toMatch(/^fa:16:3e(:[0-9a-f]{2}){3}$/);
  });

  it('deviceName cuts prefix + id to 14 characters (DEV_NAME_LEN)', () => {
    expect(deviceName('qr-', '1a2b3c4d-5e6f-7a8b-9c0d-112233445566')).toBe('qr-1a2b3c4d-5e');
    expect(deviceName('rfp-', '6f1c0a2b-3d4e-5f60-7182-93a4b5c6d7e8')).toBe('rfp-6f1c0a2b-3');
  });
});
