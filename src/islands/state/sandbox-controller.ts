import type { MapStore } from 'nanostores';
import type { ScenarioError, TraceRequest } from './core-types';
import type { Core } from './load-core';
import { diagramTopology } from '../../view-model/diagram-focus';
import { markEdit, markSimulateEnd, markSimulateStart } from './perf-marks';
import { clearSaved, loadSaved, previousKey, saveState, type StorageLike } from './persistence';
import type { SandboxOffer, SandboxState } from './sandbox-store';
import { decodeShareHash, encodeShareHash, type ReceivedState, type SharedState } from './share-link';

/** The parts of the core a sandbox runs; a subset so tests can hand in a fake. */
export type SandboxCore = Pick<Core, 'loadScenario' | 'buildModel' | 'tracePacket' | 'topology' | 'parseTraceRequest'>;

/** The stages of a run that the page may report while a large scenario is simulated in slices. */
export type RunStage = 'reading' | 'tracing' | 'drawing';

/**
 * A run whose last simulation took longer than this (ms), or whose text is longer than SLICED_TEXT_CHARS, yields to
 * the browser between its stages (read the scenario, model and trace it, publish to the islands), so that none of
 * them holds the main thread for the whole run: a 2,000-VM cloud reads in ≈ 25 ms and traces in ≈ 25 ms.
 */
const SLICED_RUN_MS = 12;
/** A scenario text this long is sliced from its first run (a share link of a whole cloud); the chapters' are < 10,000. */
const SLICED_TEXT_CHARS = 50_000;

/** Lets the browser paint and handle input before the run goes on (scheduler.yield where there is one). */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resume) => setTimeout(resume, 0));
}

/** What a controller needs from its page: injected, so its behaviour is unit-tested without a browser. */
export interface ControllerDeps {
  exampleId: string;
  /** The chapter's example, as the build rendered it. */
  example: { text: string; request: TraceRequest };
  loadCore: () => Promise<SandboxCore>;
  storage: StorageLike | null;
  storageKey: string;
  /** How long typing in the editor must pause before the simulator reruns (ms); form edits run at once. */
  debounceMs?: number;
  /** How long edits must pause before the scenario is saved (saving a large cloud costs ≈ 25 ms). */
  saveDelayMs?: number;
  /** The chapter's path, written into share links so another chapter can offer to open them here. */
  pagePath?: string;
  /** Called as a sliced run (a large scenario) reaches each stage, so the page can show progress. */
  onStage?: (stage: RunStage) => void;
  /** How a sliced run gives the browser its turn between stages (tests hand in their own). */
  yieldToBrowser?: () => Promise<void>;
}

/** The actions of one sandbox: what its form, editor and buttons call. */
export interface SandboxController {
  /** Restores the reader's state (share link first, then the saved edit, else the example). Resolves once shown. */
  start(hash: string): Promise<void>;
  /**
   * The reader changed the scenario text: keep it and rerun. `pace` 'typing' (the editor, the default) reruns once
   * typing pauses; 'now' (a form field, an exercise's solution, an import) reruns at once. Saving waits for a pause.
   */
  editText(text: string, pace?: EditPace): void;
  /** The reader changed the packet to trace: rerun at once. */
  editRequest(request: TraceRequest): void;
  /**
   * The reader typed into the packet fields: read them with the core's `parseTraceRequest` and keep the packet
   * when it is valid. Resolves with the problems (empty when kept), which the form shows under each field.
   */
  inputRequest(input: unknown): Promise<ScenarioError[]>;
  /** Brings back the reader's edit that a share link replaced (it is kept until restored or discarded). */
  restorePrevious(): Promise<void>;
  /** Forgets the edit a share link replaced. */
  discardPrevious(): void;
  /** Back to the chapter's example, forgetting the saved edit. */
  reset(): void;
  /** Runs the simulator now (no debounce); resolves when the store holds the outcome. */
  runNow(): Promise<void>;
  /** The share hash of the current state. */
  shareHash(): Promise<string>;
  /** Whether the shown state is the chapter's example, untouched. */
  isExample(): boolean;
  /** Saves an edit still waiting for the typing pause (the page is being hidden or left). */
  flush(): void;
  /** Stops pending work. */
  dispose(): void;
}

/** How soon an edit reruns the simulator: after the typing pause, or at once. */
export type EditPace = 'typing' | 'now';

/** Creates the controller that keeps one example's store, storage and simulator runs in step. */
export function createSandboxController(store: MapStore<SandboxState>, deps: ControllerDeps): SandboxController {
  const debounceMs = deps.debounceMs ?? 120;
  const saveDelayMs = deps.saveDelayMs ?? 400;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let runSeq = 0;
  let revision = 0;
  const notices = new Map<string, string>();

  const publishNotices = () => store.setKey('notices', [...notices.values()]);
  const notice = (topic: string, message: string | null) => {
    if (message === null) notices.delete(topic);
    else notices.set(topic, message);
    publishNotices();
  };

  const offers = new Map<SandboxOffer['kind'], SandboxOffer>();
  const offer = (kind: SandboxOffer['kind'], value: SandboxOffer | null) => {
    if (value === null) offers.delete(kind);
    else offers.set(kind, value);
    store.setKey('offers', [...offers.values()]);
  };

  /** The previous edit a share link replaced, as kept in storage; null when there is none. */
  const keptPrevious = (): ReceivedState | null => {
    if (!deps.storage) return null;
    const kept = loadSaved(deps.storage, previousKey(deps.storageKey));
    return kept.kind === 'ok' ? kept.state : null;
  };
  const offerRestore = () =>
    offer(
      'restore',
      keptPrevious()
        ? {
            kind: 'restore',
            message:
              'A share link replaced your own edit of this sandbox. Your edit is kept: restore it, or discard it to keep the link’s version.',
          }
        : null,
    );

  /**
   * Reads a packet from a link or storage with the core's one request parser. When it cannot be used, the text
   * still comes back (it is the reader's) with the chapter's packet, and the page says why.
   */
  const readRequest = async (raw: unknown, source: 'link' | 'saved'): Promise<TraceRequest> => {
    let core: SandboxCore;
    try {
      core = await deps.loadCore();
    } catch {
      return deps.example.request;
    }
    const { request, errors } = core.parseTraceRequest(raw);
    if (request) return request;
    const why = errors.map((e) => `${e.path.replace(/^\/request\/?/, '') || 'packet'}: ${e.message}`).join('; ');
    notice(
      'request',
      `The ${source === 'link' ? 'link’s' : 'saved'} packet could not be used (${why}); the chapter’s packet is shown with ${source === 'link' ? 'the link’s' : 'your'} scenario text.`,
    );
    return deps.example.request;
  };

  const current = (): SharedState => ({
    text: store.get().text ?? deps.example.text,
    request: store.get().request ?? deps.example.request,
  });

  const isExample = () => {
    const { text, request } = current();
    return text === deps.example.text && JSON.stringify(request) === JSON.stringify(deps.example.request);
  };

  // Saving serialises the whole scenario (≈ 25 ms for a 2,000-VM cloud), so an edit is saved with its run, after the pause.
  let unsaved = false;
  const persist = () => {
    unsaved = false;
    if (saveTimer !== null) clearTimeout(saveTimer);
    saveTimer = null;
    notice(
      'save',
      isExample() ? clearSaved(deps.storage, deps.storageKey) : saveState(deps.storage, deps.storageKey, current()),
    );
  };

  /** Saves once edits pause, off the path from the edit to the redrawn page. */
  const scheduleSave = () => {
    if (saveTimer !== null) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = null;
      if (unsaved) persist();
    }, saveDelayMs);
  };

  let lastRunMs = 0;
  const pause = deps.yieldToBrowser ?? yieldToBrowser;

  const runNow = async () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const seq = ++runSeq;
    markSimulateStart(deps.exampleId);
    const { text, request } = current();
    let core: SandboxCore;
    try {
      core = await deps.loadCore();
    } catch {
      if (seq === runSeq)
        notice(
          'core',
          'The simulator could not be loaded; the trace shown is the chapter’s example. Reload the page to try again.',
        );
      return;
    }
    if (seq !== runSeq) return; // a newer edit has started its own run
    notice('core', null);
    const sliced = lastRunMs > SLICED_RUN_MS || text.length > SLICED_TEXT_CHARS;
    /** Between two stages of a sliced run: the browser's turn, then whether this run is still the newest. */
    const next = async (stage: RunStage): Promise<boolean> => {
      if (!sliced) return true;
      deps.onStage?.(stage);
      await pause();
      return seq === runSeq;
    };
    let errors: ScenarioError[];
    let spent = 0;
    try {
      if (!(await next('reading'))) return;
      let started = performance.now();
      const loaded = core.loadScenario(text);
      spent += performance.now() - started;
      lastRunMs = spent;
      errors = loaded.errors;
      if (loaded.scenario) {
        if (!(await next('tracing'))) return;
        started = performance.now();
        const model = core.buildModel(loaded.scenario);
        const traced = core.tracePacket(model, request);
        errors = traced.errors;
        // A large cloud's drawing is focused on the packet's hosts, so only their state is built (diagram-focus.ts).
        const topology =
          errors.length === 0 && traced.trace ? diagramTopology(core.topology, model, traced.trace) : null;
        lastRunMs = spent + performance.now() - started;
        if (traced.trace && topology) {
          if (!(await next('drawing'))) return;
          const trace = traced.trace;
          const hopCount = trace.hops.length + (trace.reply?.hops.length ?? 0);
          const hop = store.get().hop;
          markSimulateEnd(deps.exampleId, revision + 1);
          store.set({
            ...store.get(),
            result: { trace, model, topology, revision: ++revision, request: { ...request }, text },
            errors: [],
            stale: false,
            hop: hop < hopCount ? hop : -1,
          });
          return;
        }
      }
      if (errors.length === 0) errors = [{ path: '', message: 'The simulator returned no trace for this scenario.' }];
    } catch (error) {
      // The core promises never to throw; if it does, the reader still gets a message instead of a dead page.
      errors = [
        {
          path: '',
          message: `The simulator failed on this scenario: ${error instanceof Error ? error.message : String(error)}`,
        },
      ];
    }
    // What the page shows (the last live result, or the build-time render of the example) is now out of date.
    store.set({ ...store.get(), errors, stale: true });
  };

  const schedule = (pace: EditPace) => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    markEdit(deps.exampleId);
    if (unsaved) scheduleSave();
    if (pace === 'now') {
      void runNow();
      return;
    }
    // Not marked stale while a valid edit waits for its run: that would flash "out of date" at every keystroke.
    timer = setTimeout(() => void runNow(), debounceMs);
  };

  return {
    async start(hash) {
      // An edit still waiting for its pause is the reader's: save it before anything replaces it.
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (unsaved) persist();
      let state: SharedState = deps.example;
      let fromElsewhere = false;
      notice('request', null);
      offer('elsewhere', null);
      const shared = await decodeShareHash(hash);
      if (shared.kind === 'ok' && (shared.state.example === undefined || shared.state.example === deps.exampleId)) {
        state = { text: shared.state.text, request: await readRequest(shared.state.request, 'link') };
        fromElsewhere = true;
        notice('load', null);
        // The reader's own edit (on the page, or saved) is kept aside before the link replaces it.
        const own: ReceivedState | null =
          store.get().text !== null && !isExample()
            ? current()
            : ((saved) => (saved.kind === 'ok' ? saved.state : null))(loadSaved(deps.storage, deps.storageKey));
        if (own && !(own.text === state.text && JSON.stringify(own.request) === JSON.stringify(state.request)))
          notice('previous', saveState(deps.storage, previousKey(deps.storageKey), own as SharedState));
      } else {
        if (shared.kind === 'error') notice('load', shared.message);
        else notice('load', null);
        if (shared.kind === 'ok') {
          const page = shared.state.page;
          offer('elsewhere', {
            kind: 'elsewhere',
            message: `This share link holds an edit of another chapter’s sandbox (example “${shared.state.example ?? ''}”), so this chapter’s sandbox is unchanged.${page ? '' : ' The link does not say which chapter: open the chapter that uses that example and paste the link there.'}`,
            href: page ? `${page}${hash}` : null,
          });
        }
        const saved = loadSaved(deps.storage, deps.storageKey);
        if (saved.kind === 'ok') {
          state = { text: saved.state.text, request: await readRequest(saved.state.request, 'saved') };
          fromElsewhere = true;
        } else if (saved.kind === 'error' && deps.storage !== null) {
          notice('load', saved.message);
        }
      }
      store.set({ ...store.get(), text: state.text, request: { ...state.request } });
      if (shared.kind === 'ok' && fromElsewhere) persist();
      offerRestore();
      // A refused link (or one that holds what is shown) changes nothing: the result on screen is already this
      // state's, so nothing is simulated or redrawn again.
      const shown = store.get().result;
      if (shown && shown.text === state.text && JSON.stringify(shown.request) === JSON.stringify(state.request)) {
        store.set({ ...store.get(), errors: [], stale: false });
        return;
      }
      // The build-time render already shows the example: the simulator loads only when the state differs from it
      // (or when it has run already, because then the page no longer shows the build-time render).
      if ((fromElsewhere && !isExample()) || shown !== null) await runNow();
      else store.set({ ...store.get(), errors: [], stale: false });
    },
    async inputRequest(input) {
      let core: SandboxCore;
      try {
        core = await deps.loadCore();
      } catch {
        return [{ path: '/request', message: 'The simulator could not be loaded to read the packet.' }];
      }
      const { request, errors } = core.parseTraceRequest(input);
      if (request) this.editRequest(request);
      return errors;
    },
    async restorePrevious() {
      const kept = keptPrevious();
      if (!kept) return offerRestore();
      const request = await readRequest(kept.request, 'saved');
      store.set({ ...store.get(), text: kept.text, request: { ...request } });
      persist();
      notice('previous', clearSaved(deps.storage, previousKey(deps.storageKey)));
      offerRestore();
      await runNow();
    },
    discardPrevious() {
      notice('previous', clearSaved(deps.storage, previousKey(deps.storageKey)));
      offerRestore();
    },
    editText(text, pace = 'typing') {
      if (text === store.get().text) return;
      store.setKey('text', text);
      unsaved = true;
      schedule(pace);
    },
    editRequest(request) {
      if (JSON.stringify(request) === JSON.stringify(store.get().request)) return;
      store.setKey('request', { ...request });
      unsaved = true;
      schedule('now');
    },
    reset() {
      store.set({ ...store.get(), text: deps.example.text, request: { ...deps.example.request } });
      notice('load', null);
      persist();
      schedule('now');
    },
    runNow,
    async shareHash() {
      return encodeShareHash({ example: deps.exampleId, page: deps.pagePath, ...current() });
    },
    isExample,
    flush() {
      if (unsaved) persist();
    },
    dispose() {
      if (timer !== null) clearTimeout(timer);
      if (saveTimer !== null) clearTimeout(saveTimer);
      timer = null;
      saveTimer = null;
      runSeq++;
    },
  };
}
