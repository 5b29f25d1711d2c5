import { judgeLab, type GuardedWalk } from '../../view-model/lab-verdict';
import type { TraceRequest } from '../../view-model/core-types';
import { loadCore } from '../state/load-core';
import { browserStorage, type StorageLike } from '../state/persistence';
import { readData } from '../state/read-data';
import { sandboxStore } from '../state/sandbox-store';
import {
  announce,
  RESET_EVENT,
  SET_SCENARIO_EVENT,
  SOLVED_EVENT,
  type ResetDetail,
  type SetScenarioDetail,
  type SolvedDetail,
} from './exercise-events';
import { rememberSolved, wasSolved } from './exercise-storage';
import { labState, labStatusText } from './lab-status';
import { labLoadedKey, wasLoaded } from './lab-storage';

/** How long typing must pause before the lab is checked again (the sandbox itself waits 150 ms). */
const CHECK_DELAY_MS = 200;

/**
 * What a `<dvr-fault-lab>` does once the reader acts on it (loaded on demand by dvr-fault-lab.ts). "Load the lab"
 * puts the broken scenario into the page's sandbox; from then on every change of the sandbox's scenario (form,
 * editor, or anything else that edits the store) is judged by the simulator. Hints open one at a time; "Show the
 * fault" tells all. A solved lab counts like an exercise.
 */
export class FaultLabController {
  private request: TraceRequest = { from: '', to: '' };
  private guarded: GuardedWalk[] = [];
  private loaded = false;
  private solvedBefore = false;
  private passes = false;
  private lastText: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private checkSeq = 0;
  private unsubscribe: (() => void) | null = null;
  private onClick = (event: Event) =>
    this.act((event.target as Element | null)?.closest<HTMLButtonElement>('button[data-action]')?.dataset.action ?? '');
  private onReset = (event: Event) => {
    if ((event as CustomEvent<ResetDetail>).detail?.example === this.example) this.setLoaded(false);
  };

  constructor(private readonly el: HTMLElement) {}

  /** Starts following the sandbox's store and the lab's buttons. */
  start(): void {
    if (this.unsubscribe) return;
    this.request = readData<TraceRequest>(this.dataset.request) ?? this.request;
    this.guarded = readData<GuardedWalk[]>(this.dataset.guarded) ?? [];
    this.solvedBefore = wasSolved(browserStorage(), this.id_);
    this.loaded = wasLoaded(browserStorage(), this.id_);
    this.addEventListener('click', this.onClick);
    document.addEventListener(RESET_EVENT, this.onReset);
    this.unsubscribe = sandboxStore(this.example).subscribe((state) => {
      if (state.text === null || state.text === this.lastText) return;
      this.lastText = state.text;
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.check(state.text ?? ''), CHECK_DELAY_MS);
    });
    this.show();
  }

  /** Stops following the store and the buttons (the element left the page). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.removeEventListener('click', this.onClick);
    document.removeEventListener(RESET_EVENT, this.onReset);
    this.checkSeq++;
  }

  private get dataset(): DOMStringMap {
    return this.el.dataset;
  }

  private get id_(): string {
    return this.dataset.id ?? '';
  }

  private get example(): string {
    return this.dataset.example ?? '';
  }

  private addEventListener(type: string, listener: (event: Event) => void): void {
    this.el.addEventListener(type, listener);
  }

  private removeEventListener(type: string, listener: (event: Event) => void): void {
    this.el.removeEventListener(type, listener);
  }

  private querySelector<E extends Element>(selector: string): E | null {
    return this.el.querySelector<E>(selector);
  }

  private querySelectorAll<E extends Element>(selector: string): NodeListOf<E> {
    return this.el.querySelectorAll<E>(selector);
  }

  private async check(text: string): Promise<void> {
    const seq = ++this.checkSeq;
    if (!this.loaded) return this.show();
    let passes = false;
    let detail = '';
    try {
      const core = await loadCore();
      if (seq !== this.checkSeq) return;
      const verdict = judgeLab(core.checkClaim, text, { request: this.request }, this.guarded);
      passes = verdict.solved;
      detail = verdict.message;
    } catch {
      detail = 'The simulator could not be loaded, so the lab cannot be checked. Reload the page to try again.';
    }
    if (seq !== this.checkSeq) return;
    this.passes = passes;
    if (passes && !this.solvedBefore) {
      this.solvedBefore = true;
      rememberSolved(browserStorage(), this.id_);
      announce<SolvedDetail>(SOLVED_EVENT, { id: this.id_ });
    }
    this.show(detail);
  }

  private setLoaded(loaded: boolean): void {
    this.loaded = loaded;
    rememberLoaded(browserStorage(), this.id_, loaded);
    if (!loaded) this.passes = false;
    this.show();
  }

  private show(detail = ''): void {
    const state = labState(this.loaded, this.passes, this.solvedBefore);
    this.dataset.state = state;
    const status = this.querySelector<HTMLElement>('[data-role="status"]');
    const text = labStatusText(state);
    if (status && status.textContent !== text) status.textContent = text;
    const more = this.querySelector<HTMLElement>('[data-role="detail"]');
    if (more) {
      more.textContent = this.loaded ? detail : '';
      more.hidden = !this.loaded || detail === '';
    }
  }

  /** Does what a button of the lab asks: load, reset, next hint, show the fault. */
  act(action: string): void {
    if (action === 'load') this.load();
    else if (action === 'reset') {
      announce<ResetDetail>(RESET_EVENT, { example: this.example });
    } else if (action === 'hint') this.nextHint();
    else if (action === 'fault') this.reveal(this.querySelector<HTMLElement>('[data-role="fault"]'));
  }

  private load(): void {
    const text = this.dataset.broken;
    if (!text) return;
    this.setLoaded(true);
    // The same text may already be in the store (loaded before): check it again rather than wait for a change.
    this.lastText = null;
    announce<SetScenarioDetail>(SET_SCENARIO_EVENT, { example: this.example, text });
    if (sandboxStore(this.example).get().text === text) void this.check(text);
  }

  /** Opens the next hidden hint, moves focus to it, and says on the button what is left. */
  private nextHint(): void {
    const hints = [...this.querySelectorAll<HTMLElement>('[data-hint]')];
    const next = hints.find((h) => h.hidden);
    this.reveal(next ?? null);
    const shown = hints.filter((h) => !h.hidden).length;
    const button = this.querySelector<HTMLButtonElement>('[data-role="hint-button"]');
    if (button) {
      button.disabled = shown >= hints.length;
      button.textContent = shown >= hints.length ? 'All hints shown' : `Show hint ${shown + 1} of ${hints.length}`;
    }
  }

  private reveal(element: HTMLElement | null): void {
    if (!element) return;
    element.hidden = false;
    element.focus();
  }
}

/** Remembers (or forgets) that the lab is loaded; storage that refuses changes nothing. */
export function rememberLoaded(storage: StorageLike | null, id: string, loaded: boolean): void {
  try {
    if (loaded) storage?.setItem(labLoadedKey(id), 'loaded');
    else storage?.removeItem(labLoadedKey(id));
  } catch {
    // Progress that cannot be kept is not an error for the reader: the lab still works in this page.
  }
}
