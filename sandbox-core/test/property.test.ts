import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildModel,
  formatTrace,
  formatViews,
  parseTraceRequest,
  replayScript,
  unprintableProblem,
  formatIpv4,
  loadScenario,
  renderViews,
  ROOT_PLACE,
  simulate,
  type Hop,
  type Model,
  type Trace,
  type TraceRequest,
} from '../src/index.js';
import {
  scenarioArb,
  scenarioWithRequestArb,
  unicodeNamedScenarioArb,
  printableCharArb,
  anyCharArb,
  type GeneratedScenario,
} from './arbitraries.js';

// Fixed seed: a failure prints its counterexample and replays the same way on every machine.
const SEED = 20141016;
const RUNS = 200;
const check = <T>(property: fc.IProperty<T>, numRuns = RUNS) => fc.assert(property, { seed: SEED, numRuns });

/** The forward walk and, when present, the reply's. */
function walks(trace: Trace): Trace[] {
  return trace.reply ? [trace, trace.reply] : [trace];
}

/** Whether a dotted address lies in one of the scenario's tenant (non-external) subnets. */
function inTenantSubnet(model: Model, ipText: string): boolean {
  const parts = ipText.split('.').map(Number);
  const ip = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
  return model.scenario.networks.some(
    (n) => !n.external && (n.cidr.prefixLen === 0 || (ip ^ n.cidr.network) >>> (32 - n.cidr.prefixLen) === 0),
  );
}

function lastHop(trace: Trace): Hop {
  return trace.hops[trace.hops.length - 1]!;
}

/** Loads a generated scenario that the generator promises is valid. */
function mustLoad(g: GeneratedScenario): Model {
  const { model, errors } = simulate(g.text, { from: g.scenario.vms[0]!.name, to: '8.8.8.8' });
  if (!model) throw new Error(`generated scenario rejected: ${JSON.stringify(errors)}\n${g.text}`);
  return model;
}

/** VMs whose network hangs off a router with an external gateway: those that can reach the internet. */
function gatewayVms(g: GeneratedScenario): string[] {
  return g.scenario.vms
    .filter((vm) => g.scenario.routers.some((r) => r.externalGateway && r.interfaces.includes(vm.network)))
    .map((vm) => vm.name);
}

const withGatewayVm = scenarioArb
  .filter((g) => gatewayVms(g).length > 0)
  .chain((g) => fc.constantFrom(...gatewayVms(g)).map((vm) => ({ ...g, vm })));
const withFloatingVm = scenarioArb
  .filter((g) => g.scenario.vms.some((v) => v.floatingIp !== undefined))
  .chain((g) =>
    fc
      .constantFrom(...g.scenario.vms.filter((v) => v.floatingIp !== undefined).map((v) => v.name))
      .map((vm) => ({ ...g, vm })),
  );

/** Two distinct VMs that share a network or a router: east-west or plain L2, no NAT involved. */
const eastWest = scenarioArb
  .map((g) => {
    const routerOf = (net: string) => g.scenario.routers.findIndex((r) => r.interfaces.includes(net));
    const pairs = g.scenario.vms.flatMap((a) =>
      g.scenario.vms
        .filter(
          (b) =>
            b !== a &&
            (a.network === b.network || (routerOf(a.network) >= 0 && routerOf(a.network) === routerOf(b.network))),
        )
        .map((b) => [a.name, b.name] as const),
    );
    return { g, pairs };
  })
  .filter(({ pairs }) => pairs.length > 0)
  .chain(({ g, pairs }) => fc.constantFrom(...pairs).map(([from, to]) => ({ ...g, from, to })));

/** Inputs no reader should be able to crash the library with. */
const garbageText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'undefined'),
  // A valid scenario with one random value planted somewhere in it.
  fc
    .tuple(
      scenarioArb,
      fc.array(
        fc.oneof(
          fc.constantFrom(
            'hosts',
            'networks',
            'routers',
            'vms',
            'subnet',
            'cidr',
            'gateway',
            'ip',
            'floatingIp',
            'interfaces',
            'externalGateway',
            'name',
            'host',
            'network',
            'agentMode',
            'version',
            'segmentationId',
            'networkType',
            'tunnelIp',
            'distributed',
          ),
          fc.nat({ max: 12 }).map(String),
        ),
        { minLength: 1, maxLength: 4 },
      ),
      fc.jsonValue(),
    )
    .map(([g, path, value]) => JSON.stringify(plant(structuredClone(g.scenario) as unknown, path, value))),
  // Truncated valid text: syntax errors at every position.
  fc.tuple(scenarioArb, fc.nat()).map(([g, cut]) => g.text.slice(0, cut % g.text.length)),
);

/** Sets `value` at `path` inside `root`, creating or overwriting whatever is there. */
function plant(root: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0 || root === null || typeof root !== 'object') return value;
  const [key, ...rest] = path as [string, ...string[]];
  const target = root as Record<string, unknown>;
  target[key] = plant(target[key], rest, value);
  return root;
}

const garbageRequest: fc.Arbitrary<TraceRequest> = fc.record(
  {
    from: fc.oneof(
      fc.string(),
      fc.constantFrom('vm0', 'vm1', '8.8.8.8', '10.0.0.5', '198.51.100.1', '203.0.113.100', ''),
    ),
    to: fc.oneof(fc.string(), fc.constantFrom('vm0', 'vm3', '1.1.1.1', '192.168.1.1', '198.51.100.100', '999.1.1.1')),
    proto: fc.option(fc.constantFrom('icmp', 'tcp', 'udp', 'sctp', '') as fc.Arbitrary<TraceRequest['proto']>, {
      nil: undefined,
    }),
    dport: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: undefined }),
  },
  { requiredKeys: ['from', 'to'] },
);

describe('property: random valid scenarios', () => {
  it('loadScenario(generated scenario) reports no errors', () => {
    check(
      fc.property(scenarioArb, (g) => {
        expect(loadScenario(g.text).errors).toEqual([]);
      }),
    );
  });

  it('simulate(generated scenario, generated request) never throws and gives a trace or errors, not both', () => {
    check(
      fc.property(scenarioWithRequestArb, (g) => {
        const result = simulate(g.text, g.request);
        expect(result.model).not.toBeNull();
        expect(result.trace === null).toBe(result.errors.length > 0);
        if (g.request.from !== g.request.to) expect(result.errors).toEqual([]);
      }),
    );
  });

  it('simulate(same text, same request) twice gives byte-identical traces and views', () => {
    check(
      fc.property(scenarioWithRequestArb, (g) => {
        const a = simulate(g.text, g.request);
        const b = simulate(g.text, g.request);
        expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
        expect(JSON.stringify(b.errors)).toBe(JSON.stringify(a.errors));
        expect(formatViews(renderViews(b.model!))).toBe(formatViews(renderViews(a.model!)));
      }),
      100,
    );
  });

  it('trace(generated) ends delivered, or dropped with a reason; hops are numbered 1..n; a delivered packet has a reply', () => {
    check(
      fc.property(scenarioWithRequestArb, (g) => {
        const { trace } = simulate(g.text, g.request);
        if (!trace) return;
        for (const [i, walk] of walks(trace).entries()) {
          expect(['delivered', 'dropped']).toContain(walk.verdict);
          if (walk.verdict === 'dropped') expect(walk.reason).toMatch(/\S/);
          else expect(walk.reason).toBeNull();
          expect(walk.hops.length).toBeGreaterThan(0);
          expect(walk.hops.map((h) => h.step)).toEqual(walk.hops.map((_, k) => k + 1));
          if (i === 1) expect(walk.reply).toBeNull();
        }
        expect(trace.reply === null).toBe(trace.verdict === 'dropped');
      }),
    );
  });

  it('trace(VM -> 8.8.8.8) through a router with a gateway leaves NATed and its reply comes back to the VM', () => {
    check(
      fc.property(withGatewayVm, (g) => {
        const model = mustLoad(g);
        const vm = model.scenario.vms.find((v) => v.name === g.vm)!;
        const fixed = formatIpv4(vm.port.ip);
        const expectedSource = formatIpv4(vm.floatingIp ?? vm.router!.gateway!.qg.ip);
        const { trace } = simulate(g.text, { from: g.vm, to: '8.8.8.8' });
        expect(trace?.verdict, trace?.reason ?? '').toBe('delivered');
        const out = lastHop(trace!);
        expect(out.where).toBe('internet');
        expect(out.packet.ipDst).toBe('8.8.8.8');
        // The floating IP when the VM has one (table 16 + fip namespace), else the router's gateway address (snat namespace).
        expect(out.packet.ipSrc).toBe(expectedSource);
        const reply = trace!.reply!;
        expect(reply.verdict, reply.reason ?? '').toBe('delivered');
        expect(lastHop(reply).where).toBe(g.vm);
        expect(lastHop(reply).packet.ipDst).toBe(fixed);
        expect(lastHop(reply).packet.ipSrc).toBe('8.8.8.8');
      }),
    );
  });

  it('trace(8.8.8.8 -> floating IP) is dropped at the VM qbr while only the default group guards it', () => {
    check(
      fc.property(withFloatingVm, (g) => {
        const model = mustLoad(g);
        const vm = model.scenario.vms.find((v) => v.name === g.vm)!;
        const { trace } = simulate(g.text, { from: '8.8.8.8', to: formatIpv4(vm.floatingIp!) });
        expect(trace?.verdict, trace?.reason ?? '').toBe('dropped');
        expect(lastHop(trace!)).toMatchObject({ where: g.vm, stage: { name: 'security group' } });
        expect(lastHop(trace!).rule).toBe('-A neutron-openvswi-sg-fallback -j DROP');
      }),
    );
  });

  it('trace(8.8.8.8 -> floating IP) is delivered to the VM once its group allows ICMP in, and its reply leaves from the floating IP', () => {
    check(
      fc.property(withFloatingVm, (g) => {
        const model = mustLoad(g);
        const vm = model.scenario.vms.find((v) => v.name === g.vm)!;
        const fip = formatIpv4(vm.floatingIp!);
        // The classic lesson: an ingress ICMP rule in the VM's group opens the floating IP to ping.
        const open = JSON.parse(g.text);
        open.securityGroups = [
          {
            name: 'default',
            rules: [
              { direction: 'ingress', remoteGroup: 'default' },
              { direction: 'ingress', protocol: 'icmp', remoteCidr: '0.0.0.0/0' },
              { direction: 'egress' },
            ],
          },
        ];
        const { trace } = simulate(JSON.stringify(open), { from: '8.8.8.8', to: fip });
        expect(trace?.verdict, trace?.reason ?? '').toBe('delivered');
        expect(lastHop(trace!).where).toBe(g.vm);
        expect(lastHop(trace!).packet.ipDst).toBe(formatIpv4(vm.port.ip));
        const reply = trace!.reply!;
        expect(reply.verdict, reply.reason ?? '').toBe('delivered');
        expect(lastHop(reply).where).toBe('internet');
        expect(lastHop(reply).packet.ipSrc).toBe(fip);
        expect(lastHop(reply).packet.ipDst).toBe('8.8.8.8');
      }),
    );
  });

  it('trace(VM -> VM) on one network or one router is delivered and its reply returns to the sender', () => {
    check(
      fc.property(eastWest, (g) => {
        const { trace, model } = simulate(g.text, { from: g.from, to: g.to });
        const [from, to] = [g.from, g.to].map((name) => model!.scenario.vms.find((v) => v.name === name)!);
        expect(trace?.verdict, trace?.reason ?? '').toBe('delivered');
        expect(lastHop(trace!).where).toBe(g.to);
        expect(lastHop(trace!).packet).toMatchObject({
          ipSrc: formatIpv4(from!.port.ip),
          ipDst: formatIpv4(to!.port.ip),
        });
        const reply = trace!.reply!;
        expect(reply.verdict, reply.reason ?? '').toBe('delivered');
        expect(lastHop(reply).where).toBe(g.from);
        expect(lastHop(reply).packet).toMatchObject({
          ipSrc: formatIpv4(to!.port.ip),
          ipDst: formatIpv4(from!.port.ip),
        });
      }),
    );
  });

  // The kernel loops a packet to its own address back inside the VM: it never reaches the tap.
  it('trace(VM -> itself) is refused as a request, by name and by address, and never walks', () => {
    check(
      fc.property(
        scenarioArb.chain((g) => fc.constantFrom(...g.scenario.vms.map((v) => v.name)).map((vm) => ({ ...g, vm }))),
        (g) => {
          const { model } = simulate(g.text, { from: g.vm, to: '8.8.8.8' });
          const vm = model!.scenario.vms.find((v) => v.name === g.vm)!;
          for (const to of [g.vm, formatIpv4(vm.port.ip)]) {
            const { trace, errors } = simulate(g.text, { from: g.vm, to });
            expect(trace).toBeNull();
            expect(errors).toEqual([
              { path: '/request/to', message: expect.stringContaining('same VM as the source') },
            ]);
          }
        },
      ),
      50,
    );
  });

  it('no hop on the internet carries a tenant source address', () => {
    check(
      fc.property(scenarioWithRequestArb, (g) => {
        const { trace, model } = simulate(g.text, g.request);
        if (!trace) return;
        for (const walk of walks(trace)) {
          for (const hop of walk.hops) {
            if (hop.where === 'internet')
              expect(inTenantSubnet(model!, hop.packet.ipSrc), `step ${hop.step}: ${hop.note}`).toBe(false);
          }
        }
      }),
    );
  });

  it("every hop's rule is printed verbatim by `show` in that hop's namespace or bridge", () => {
    check(
      fc.property(scenarioWithRequestArb, (g) => {
        const { trace, model } = simulate(g.text, g.request);
        if (!trace) return;
        for (const walk of walks(trace)) {
          for (const hop of walk.hops) {
            if (hop.rule === null) continue;
            expect(hop.host, `step ${hop.step} has a rule but no host`).not.toBeNull();
            // A VM's qbr hop cites the host's root filter table (`iptables -S` on the host).
            const where = hop.stage.name === 'security group' ? ROOT_PLACE : hop.where;
            const place = renderViews(model!, hop.host!).get(hop.host!)?.get(where);
            expect(place, `no view of ${hop.host} ${hop.where}`).toBeDefined();
            const lines = new Set([...place!.values()].flatMap((text) => text.split('\n')));
            // A rule may span lines (never today); each of its lines must be printed.
            for (const line of hop.rule.split('\n'))
              expect(
                lines.has(line),
                `step ${hop.step} (${hop.stage.name}) rule "${line}" not in show ${hop.host} ${hop.where}`,
              ).toBe(true);
          }
        }
      }),
    );
  });
});

describe('property: bad input', () => {
  it('simulate(garbage text, garbage request) never throws and reports located errors', () => {
    check(
      fc.property(garbageText, garbageRequest, (text, request) => {
        const result = simulate(text, request);
        expect(result.trace === null).toBe(result.errors.length > 0);
        for (const e of result.errors) {
          expect(typeof e.path).toBe('string');
          expect(e.path === '' || e.path.startsWith('/')).toBe(true);
          expect(e.message).toMatch(/\S/);
        }
      }),
      300,
    );
  });

  it('simulate(valid scenario, garbage request) never throws and reports errors under /request', () => {
    check(
      fc.property(scenarioArb, garbageRequest, (g, request) => {
        const result = simulate(g.text, request);
        expect(result.model).not.toBeNull();
        expect(result.trace === null).toBe(result.errors.length > 0);
        for (const e of result.errors) expect(e.path === '' || e.path.startsWith('/request')).toBe(true);
      }),
    );
  });
});

describe('property: names from the full Unicode range', () => {
  it('parseTraceRequest(anything, strings from the full Unicode range) never throws: a request or errors under /request', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(anyCharArb, { maxLength: 80 }).map((c) => c.join('')),
    );
    const input = fc.oneof(
      fc.anything(),
      fc.record(
        {
          from: text,
          to: text,
          proto: fc.oneof(text, fc.constantFrom('icmp', 'tcp', 'udp')),
          dport: fc.oneof(text, fc.integer()),
        },
        { requiredKeys: [] },
      ),
    );
    check(
      fc.property(input, (value) => {
        const { request, errors } = parseTraceRequest(value);
        expect(request === null).toBe(errors.length > 0);
        for (const e of errors) expect(e.path.startsWith('/request')).toBe(true);
        if (request) for (const end of [request.from, request.to]) expect(unprintableProblem(end)).toBeNull();
      }),
      500,
    );
  });

  const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

  it('loadScenario(renamed scenario) refuses exactly the unprintable names, each at its own pointer', () => {
    check(
      fc.property(unicodeNamedScenarioArb(), ({ text, names }) => {
        const { scenario, errors } = loadScenario(text);
        const bad = names.filter((n) => n.name.length > 64 || unprintableProblem(n.name) !== null);
        for (const n of bad)
          expect(
            errors.some((e) => e.path === n.pointer),
            `an error at ${n.pointer}`,
          ).toBe(true);
        if (bad.length === 0) expect(errors).toEqual([]);
        else expect(scenario).toBeNull();
        for (const e of errors) expect(e.message).not.toMatch(/internal simulator error/);
      }),
    );
  });

  it('trace, views and replay of a scenario with printable Unicode names print nothing a terminal would act on', () => {
    check(
      fc.property(unicodeNamedScenarioArb(printableCharArb), ({ text, scenario: value }) => {
        const { scenario } = loadScenario(text);
        expect(scenario).not.toBeNull();
        const model = buildModel(scenario!);
        const vm = value.vms[0]!.name;
        const out = [formatViews(renderViews(model))];
        const traced = simulate(text, { from: vm, to: '8.8.8.8' });
        if (traced.trace) out.push(formatTrace(traced.trace, 'detailed'));
        for (const host of value.hosts) out.push((replayScript(model, host.name) ?? []).join('\n'));
        for (const line of out.join('\n').split('\n')) expect(line.replace(/\t/g, ' ')).not.toMatch(UNPRINTABLE);
      }),
      100,
    );
  });
});
