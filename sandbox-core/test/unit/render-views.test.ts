import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../src/index.js';
import type { Namespace, Route } from '../../src/index.js';
import { renderIpRoute } from '../../src/views/render-views.js';

const route = (table: Route['table'], dst: string, dev = 'qr-a', type: Route['type'] = 'unicast'): Route => ({
  table,
  type,
  dst: dst === 'default' ? { network: 0, prefixLen: 0 } : parseCidr(dst.includes('/') ? dst : `${dst}/32`)!,
  via: null,
  dev,
  kernelSrc: null,
  scope: null,
});

const ns = (routes: Route[]): Namespace => ({
  name: 'qrouter-x',
  kind: 'qrouter',
  router: null,
  network: null,
  devices: [],
  rules: [],
  routes,
  neighbours: [],
  natChains: [],
  natRules: [],
  sysctls: [],
});

// Orders observed on Linux 6.18 (test/kernel replays them): tables by id mod 256, the most recently
// created first within a bucket (main and local exist first), routes by address, longer prefix first.
describe('renderIpRoute', () => {
  it.each([
    [
      'numbered tables come by hash bucket, so 3232286721 (bucket 1) before 16',
      [route(16, 'default'), route(3232286721, 'default')],
      ['default dev qr-a table 3232286721', 'default dev qr-a table 16'],
    ],
    [
      'within a bucket the table created last comes first',
      [route(257, 'default'), route(1, 'default')],
      ['default dev qr-a table 1', 'default dev qr-a table 257'],
    ],
    [
      'a table in bucket 254 comes before main, created earlier',
      [route('main', '10.0.0.0/24'), route(167838206, 'default')],
      ['default dev qr-a table 167838206', '10.0.0.0/24 dev qr-a'],
    ],
    [
      'routes of a table by address, the longer prefix first',
      [route('main', '10.0.0.0/8'), route('main', 'default'), route('main', '10.0.0.0/24'), route('main', '9.0.0.0/8')],
      ['default dev qr-a', '9.0.0.0/8 dev qr-a', '10.0.0.0/24 dev qr-a', '10.0.0.0/8 dev qr-a'],
    ],
    [
      'local after main; one address keeps the order the kernel added it (local, then the /32 brd broadcast)',
      [
        route('local', '1.2.3.4', 'rfp-a', 'local'),
        route('local', '1.2.3.4', 'rfp-a', 'broadcast'),
        route('main', 'default'),
      ],
      ['default dev qr-a', 'local 1.2.3.4 dev rfp-a table local', 'broadcast 1.2.3.4 dev rfp-a table local'],
    ],
  ])('renderIpRoute: %s', (_, routes, expected) => {
    expect(renderIpRoute(ns(routes)).split('\n')).toEqual(expected);
  });
});
