import { getAtPointer } from '../islands/state/form-binding';
import type { Hop } from './core-types';

/** What a bound value is read from: the scenario as written (parsed JSON) and the walk of the example's packet. */
export interface BindingSource {
  scenario: unknown;
  /** The walk of the chapter example's own packet on that scenario (null when it cannot be traced there). */
  hops: readonly Pick<Hop, 'host' | 'where' | 'device' | 'stage' | 'rule' | 'packet'>[] | null;
}

type Read = (source: BindingSource) => string | null;
type BoundHop = NonNullable<BindingSource['hops']>[number];

const hopWhere = (test: (hop: BoundHop) => boolean) => (s: BindingSource) => s.hops?.find(test) ?? null;
/** The first hop in a namespace with this prefix at this stage. */
const at = (prefix: string, stage: string) => hopWhere((h) => h.where.startsWith(prefix) && h.stage.name === stage);
const match = (hop: BoundHop | null, re: RegExp) => (hop?.rule ? (re.exec(hop.rule)?.[1] ?? null) : null);
const device =
  (prefix: string): Read =>
  (s) =>
    s.hops?.find((h) => h.device?.startsWith(prefix))?.device ?? null;
const namespace =
  (prefix: string): Read =>
  (s) =>
    s.hops?.find((h) => h.where.startsWith(prefix))?.where ?? null;

/**
 * The values chapters may bind by name, each read from the structure the simulator returns (never a second
 * hand-written copy): what `<Val of="…">` accepts besides a JSON pointer into the scenario. One home, so the build's
 * check and the browser's update read a value the same way.
 */
export const BOUND_VALUES: Record<string, { about: string; read: Read }> = {
  redirectRule: {
    about: 'the qrouter- namespace’s policy rule the packet matched, without its priority',
    read: (s) => match(at('qrouter-', 'ip rule')(s), /^\d+:\s*(.*)$/),
  },
  ruleTable: {
    about: 'the route table that policy rule looks up',
    read: (s) => match(at('qrouter-', 'ip rule')(s), /lookup (\S+)/),
  },
  ruleFrom: {
    about: 'the source selector of that policy rule (for SNAT, the router interface with its prefix)',
    read: (s) => match(at('qrouter-', 'ip rule')(s), /from (\S+)/),
  },
  routerInterface: {
    about: 'the router interface address that policy rule keeps as its selector (the qr- port’s address)',
    read: (s) => match(at('qrouter-', 'ip rule')(s), /from (\d+\.\d+\.\d+\.\d+)\/\d+/),
  },
  routerNextHop: {
    about: 'the next hop of the route the qrouter- namespace used (the sg- address, or the fpr- address)',
    read: (s) => match(at('qrouter-', 'ip route')(s), /via (\S+)/),
  },
  natRule: {
    about: 'the iptables nat rule that rewrote the packet on its way out',
    read: (s) => hopWhere((h) => h.stage.name === 'iptables nat POSTROUTING' && h.rule !== null)(s)?.rule ?? null,
  },
  exitSource: {
    about: 'the source address the packet has at the end of its walk',
    read: (s) => s.hops?.[s.hops.length - 1]?.packet.ipSrc ?? null,
  },
  dvrMac: {
    about: 'the sending host’s DVR MAC, which br-tun table 1 writes as the source',
    read: (s) =>
      match(hopWhere((h) => h.stage.name === 'table 1' && h.where === 'br-tun')(s), /mod_dl_src:([\da-f:]+)/),
  },
  segmentationId: {
    about: 'the tunnel id br-tun table 20 sets, in decimal (the network’s segmentation id)',
    read: (s) => {
      const hex = match(hopWhere((h) => h.stage.name === 'table 20')(s), /set_tunnel:(0x[\da-f]+)/);
      return hex ? String(Number.parseInt(hex, 16)) : null;
    },
  },
  qrDevice: { about: 'the qr- device the packet entered its router by', read: device('qr-') },
  sgDevice: { about: 'the snat namespace’s sg- device', read: device('sg-') },
  qgDevice: { about: 'the qg- device the packet leaves by', read: device('qg-') },
  rfpDevice: { about: 'the router’s rfp- end of the link to the fip namespace', read: device('rfp-') },
  fgDevice: { about: 'the fip namespace’s fg- device', read: device('fg-') },
  snatNamespace: { about: 'the snat- namespace the packet crosses', read: namespace('snat-') },
  fipNamespace: { about: 'the fip- namespace the packet crosses', read: namespace('fip-') },
};

/**
 * The current text of a bound value: `of` is a name of BOUND_VALUES or a JSON pointer into the scenario.
 * Null when the reader's scenario has no such value (then the page says the sentence is not about it any more).
 * Throws on a name that does not exist, so a chapter's typo fails the build.
 */
export function boundValue(of: string, source: BindingSource): string | null {
  if (of.startsWith('/')) {
    const value = getAtPointer(source.scenario, of);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  }
  const bound = BOUND_VALUES[of];
  if (!bound)
    throw new Error(`no bound value "${of}"; known: ${Object.keys(BOUND_VALUES).join(', ')}, or a JSON pointer`);
  return bound.read(source);
}

/** What a screen reader hears after a value that differs from the example's. */
export function differsNote(exampleValue: string, value: string | null): string {
  return value === null
    ? ` (not in your scenario; the example has ${exampleValue})`
    : ` (your scenario; the example has ${exampleValue})`;
}
