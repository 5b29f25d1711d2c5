/**
 * The simulator types the islands use, in one place, so the rest of the UI imports them from here
 * and not from the core's internals (house style: islands use the core only through its package entry).
 */
export type {
  Example,
  FormField,
  Hop,
  Model,
  PacketHeaders,
  ScenarioError,
  SimResult,
  Topology,
  Trace,
  TraceRequest,
} from '@dvr-lab/sandbox-core';

/** The trace text formats the core offers, reused as the trace table's detail levels. */
export type TraceDetail = 'detailed' | 'summary' | 'minimal';

/** The kinds of box the diagram draws. */
export type BoxKind = 'vm' | 'qrouter' | 'snat' | 'fip' | 'qdhcp' | 'br-int' | 'br-tun' | 'br-ex';
