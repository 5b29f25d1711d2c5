import { deviceName } from '../ids/derive-id.js';
import type { Network, Port, Router } from '../scenario/resolved-types.js';
import { PREFIX } from './neutron-constants.js';

/** Namespace and device names exactly as the Juno agents build them (l3_agent.py, interface.py). */
export const names = {
  qrouter: (r: Router) => `qrouter-${r.id}`,
  snat: (r: Router) => `snat-${r.id}`,
  fip: (ext: Network) => `fip-${ext.id}`,
  qdhcp: (n: Network) => `qdhcp-${n.id}`,
  qr: (p: Port) => deviceName(PREFIX.qr, p.id),
  sg: (p: Port) => deviceName(PREFIX.sg, p.id),
  qg: (p: Port) => deviceName(PREFIX.qg, p.id),
  fg: (p: Port) => deviceName(PREFIX.fg, p.id),
  tap: (p: Port) => deviceName(PREFIX.tap, p.id),
  /** Hybrid plugging: the VM port's Linux bridge and the veth pair joining it to br-int (nova vif.py, NIC_NAME_LEN 14). */
  qbr: (p: Port) => deviceName(PREFIX.qbr, p.id),
  qvb: (p: Port) => deviceName(PREFIX.qvb, p.id),
  qvo: (p: Port) => deviceName(PREFIX.qvo, p.id),
  rfp: (r: Router) => deviceName(PREFIX.rfp, r.id),
  fpr: (r: Router) => deviceName(PREFIX.fpr, r.id),
  /** OVS tunnel port: '<type>-<remote ip in 8 hex digits>' (ovs_neutron_agent.py). */
  tunnel: (type: string, remoteIp: number) => `${type}-${remoteIp.toString(16).padStart(8, '0')}`,
};
