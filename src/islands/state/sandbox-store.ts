import { map, type MapStore } from 'nanostores';
import type { DiagramTopology } from '../../view-model/diagram-focus';
import type { Model, ScenarioError, Trace, TraceRequest } from './core-types';

/** The last valid run of the simulator: what the trace table, diagram and host views show. */
export interface LiveResult {
  trace: Trace;
  model: Model;
  /** What the diagram draws: the whole topology, or for a large cloud the packet's hosts (see diagram-focus.ts). */
  topology: DiagramTopology;
  /** Increases with every new result, so islands can tell a new result from a repeat. */
  revision: number;
  /** The packet this result traced (the store's `request` may have moved on since). */
  request?: TraceRequest;
  /** The scenario text this result was simulated from (the store's `text` may not parse any more). */
  text?: string;
}

/**
 * A choice the page offers the reader about their own work: restore the edit a share link replaced, or open a
 * link made on another chapter there. `href` is the same-origin address of that chapter (null when the link does
 * not name it).
 */
export type SandboxOffer =
  { kind: 'restore'; message: string } | { kind: 'elsewhere'; message: string; href: string | null };

/** Everything the islands of one example share on a page (notebook semantics: one scenario, every cell follows it). */
export interface SandboxState {
  /** The reader's scenario text, exactly as typed, valid or not; null until the page's sandbox has started. */
  text: string | null;
  request: TraceRequest | null;
  /** The last valid result; null until the simulator has run in this page (the build-time render stands in until then). */
  result: LiveResult | null;
  /** Problems with the current text or request; empty when they are valid. */
  errors: ScenarioError[];
  /** True while what the page shows (live result or build-time render) is out of date because the text or request is invalid. */
  stale: boolean;
  /** The hop the diagram and the table highlight: an index over forward then reply hops, -1 for none. */
  hop: number;
  /** Sentences for the reader about storage or share links (what could not be saved or opened). */
  notices: string[];
  /** Choices offered about the reader's work (see SandboxOffer). */
  offers: SandboxOffer[];
}

const stores = new Map<string, MapStore<SandboxState>>();

/** The one store of an example on this page; every island of that example gets the same store. */
export function sandboxStore(exampleId: string): MapStore<SandboxState> {
  let store = stores.get(exampleId);
  if (!store) {
    store = map<SandboxState>({
      text: null,
      request: null,
      result: null,
      errors: [],
      stale: false,
      hop: -1,
      notices: [],
      offers: [],
    });
    stores.set(exampleId, store);
  }
  return store;
}

/** Moves the highlighted hop, clamped to the hops there are (count from the live result or the build-time render). */
export function setHop(store: MapStore<SandboxState>, hop: number, count: number): void {
  const next = count <= 0 ? -1 : Math.max(-1, Math.min(count - 1, Math.trunc(hop)));
  if (next !== store.get().hop) store.setKey('hop', next);
}
