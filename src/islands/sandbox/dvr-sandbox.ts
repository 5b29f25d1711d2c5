import type { MapStore } from 'nanostores';
import type { EditorHandle } from '../editor/create-editor';
import type { FormField, ScenarioError, TraceRequest } from '../../view-model/core-types';
import {
  fieldStates,
  replaceStaleValue,
  setFieldInText,
  staleFieldStates,
  type FieldState,
} from '../state/form-binding';
import { loadCore, type Core } from '../state/load-core';
import { browserStorage, storageKey } from '../state/persistence';
import { createSandboxController, type RunStage, type SandboxController } from '../state/sandbox-controller';
import { sandboxStore, type SandboxOffer, type SandboxState } from '../state/sandbox-store';
import { MAX_SHARE_HASH_CHARS } from '../state/share-link';
import { describeProblems, errorsForPointer, plainMessage } from './describe-error';
import { problemLine, resultLine, type LineRun } from '../../view-model/result-line';
import { readData } from '../state/read-data';

/** What the result line says while a large shared scenario's first run is in each stage. */
const STAGE_PROGRESS: Record<RunStage, string> = {
  reading: 'Opening the shared scenario: reading it…',
  tracing: 'Opening the shared scenario: building the hosts and tracing the packet…',
  drawing: 'Opening the shared scenario: drawing…',
};

/** Largest scenario file the Import button reads; the simulator refuses larger text anyway. */
const MAX_IMPORT_BYTES = 2_000_000;

/**
 * `<dvr-sandbox>`: the scenario's controls. Owns the example's controller (restore, save, rerun, share),
 * binds the quick form and the packet inputs to the store, and opens Monaco only when asked.
 */
export class DvrSandbox extends HTMLElement {
  private store: MapStore<SandboxState> | null = null;
  private controller: SandboxController | null = null;
  private fields: FormField[] = [];
  private core: Core | null = null;
  private editor: EditorHandle | null = null;
  private editorLoading = false;
  private unsubscribe: (() => void) | null = null;
  private message = '';
  /** The form's values from the last text that parsed: shown, marked stale, while the text does not parse. */
  private lastParsed: FieldState[] | null = null;
  /** The run the result line compares the next one with. */
  private lastRun: LineRun | null = null;
  private lineRevision = -1;
  private onHashChange: (() => void) | null = null;
  private onPageHide: ((event: Event) => void) | null = null;
  private rendered: {
    text: string | null;
    errors: readonly ScenarioError[];
    request: unknown;
    notices: unknown;
    offers: unknown;
    message: string;
  } | null = null;

  connectedCallback(): void {
    const id = this.dataset.example;
    if (!id || this.store) return;
    const text = this.dataset.scenario ?? '';
    // The build wrote the example's own packet (the core's examples, checked by its tests).
    const request = readData<TraceRequest>(this.dataset.request) ?? { from: '', to: '' };
    this.fields = readData<FormField[]>(this.dataset.fields) ?? [];
    this.store = sandboxStore(id);
    this.controller = createSandboxController(this.store, {
      exampleId: id,
      example: { text, request },
      loadCore: () => this.warmCore(),
      storage: browserStorage(),
      storageKey: storageKey(location.pathname, id),
      pagePath: location.pathname,
      // A large shared scenario runs in stages: while its first run is shown as progress, say which stage it is in.
      onStage: (stage) => {
        if (this.querySelector('[data-testid="result-line"][aria-busy]')) this.progress(STAGE_PROGRESS[stage]);
      },
    });
    this.wire();
    this.unsubscribe = this.store.subscribe((state) => this.render(state));
    const hash = location.hash;
    // A shared scenario may be a whole cloud: say what is happening until its first run is drawn.
    if (hash.startsWith('#s=')) this.progress('Opening the shared scenario: loading the simulator…');
    void this.controller.start(hash).then(() => {
      // A link that holds the example itself (or a refused one) needs no run: the build's line is the right one.
      // A link whose run an edit overtook is not that case: the edit's own run will write the line.
      const line = this.querySelector<HTMLElement>('[data-testid="result-line"][aria-busy]');
      const built = this.builtRun();
      if (line && built && this.store?.get().result === null && this.controller?.isExample()) {
        line.textContent = resultLine(built, null);
        line.removeAttribute('aria-busy');
      }
      // A share link has done its job once restored; dropping it keeps a later reload on the reader's own edits.
      if (hash.startsWith('#s=')) history.replaceState(history.state, '', location.pathname + location.search);
    });
    // A share link pasted into the address bar of an open chapter is a same-page navigation: restore it too.
    this.onHashChange = () => {
      const next = location.hash;
      if (!next.startsWith('#s=') || !this.controller) return;
      void this.controller
        .start(next)
        .then(() => history.replaceState(history.state, '', location.pathname + location.search));
    };
    addEventListener('hashchange', this.onHashChange);
    // Edits are saved after the typing pause; one made just before the reader leaves is saved on the way out.
    // Mobile browsers may discard a hidden tab without firing pagehide, so hiding counts too.
    this.onPageHide = (event: Event) => {
      if (event.type === 'pagehide' || document.visibilityState === 'hidden') this.controller?.flush();
    };
    addEventListener('pagehide', this.onPageHide);
    document.addEventListener('visibilitychange', this.onPageHide);
    // Exercises ask through page events (src/islands/exercise/exercise-events.ts) to show a solution or to reset.
    this.onPageRequest = (event) => {
      const detail = (event as CustomEvent<{ example?: string; text?: unknown; request?: unknown }>).detail;
      if (detail?.example !== id || !this.controller) return;
      if (event.type === 'dvr:reset') this.reset();
      else if (typeof detail.text === 'string') {
        this.controller.editText(detail.text, 'now');
        // A new scenario with its own packet (the free lab's starts): the core reads the packet as it reads a typed one.
        if (detail.request !== undefined) {
          this.requestErrors = [];
          void this.controller.inputRequest(detail.request);
        }
      }
    };
    document.addEventListener('dvr:set-scenario', this.onPageRequest);
    document.addEventListener('dvr:reset', this.onPageRequest);
    this.dataset.ready = 'true';
  }

  /** Handles `dvr:set-scenario` and `dvr:reset` for this sandbox's example. */
  private onPageRequest: ((event: Event) => void) | null = null;

  disconnectedCallback(): void {
    if (this.onPageRequest) {
      document.removeEventListener('dvr:set-scenario', this.onPageRequest);
      document.removeEventListener('dvr:reset', this.onPageRequest);
    }
    if (this.onHashChange) removeEventListener('hashchange', this.onHashChange);
    if (this.onPageHide) {
      removeEventListener('pagehide', this.onPageHide);
      document.removeEventListener('visibilitychange', this.onPageHide);
    }
    this.controller?.flush();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.controller?.dispose();
    this.editor?.dispose();
    this.editor = null;
    this.store = null;
  }

  /** Starts loading the simulator (when the reader reaches for the sandbox), once. */
  private warmCore(): Promise<Core> {
    return loadCore().then((core) => (this.core = core));
  }

  private wire(): void {
    const warm = () => void this.warmCore().catch(() => {});
    this.addEventListener('pointerenter', warm, { once: true });
    this.addEventListener('focusin', warm, { once: true });

    this.addEventListener('input', (event) => {
      const target = event.target as HTMLInputElement | HTMLSelectElement;
      if (target instanceof HTMLInputElement && target.dataset.pointer !== undefined) this.editField(target);
      else if (target.closest('[data-role="request"]') && target.dataset.role !== 'walk') this.editRequest();
    });
    this.addEventListener('change', (event) => {
      const target = event.target as HTMLElement;
      if (target instanceof HTMLSelectElement && target.dataset.role === 'walk') this.chooseWalk(target);
      else if (target instanceof HTMLSelectElement && target.closest('[data-role="request"]')) this.editRequest();
      if (target instanceof HTMLInputElement && target.dataset.role === 'import-file') void this.importFile(target);
    });
    this.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault());
    this.addEventListener('click', (event) => {
      const action = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-action]')?.dataset
        .action;
      if (action === 'editor') void this.toggleEditor();
      else if (action === 'reset') this.reset();
      else if (action === 'share') void this.share();
      else if (action === 'export') this.exportFile();
      else if (action === 'import') this.querySelector<HTMLInputElement>('input[data-role="import-file"]')?.click();
    });
  }

  private editField(input: HTMLInputElement): void {
    const text = this.store?.get().text;
    if (text === null || text === undefined || !this.controller) return;
    const locate = this.core ? (t: string, p: string) => this.core!.locatePointer(t, p) : undefined;
    const pointer = input.dataset.pointer ?? '';
    let next = setFieldInText(text, pointer, input.value.trim(), locate);
    // The text does not parse: the field shows its last parsed value, which it replaces where it is written once.
    if (next === null && input.dataset.stale === 'true') {
      const old = this.lastParsed?.find((s) => s.field.pointer === pointer);
      next = old ? replaceStaleValue(text, old.value, input.value.trim()) : null;
      if (next !== null && old)
        this.lastParsed = this.lastParsed!.map((s) => (s === old ? { ...s, value: input.value.trim() } : s));
    }
    if (next !== null) this.controller.editText(next, 'now');
  }

  /** Field errors of the packet inputs from the last reading of what the reader typed, by field name. */
  private requestErrors: ScenarioError[] = [];
  private requestInputSeq = 0;

  /**
   * The reader typed into the packet fields: the core's `parseTraceRequest` reads them as typed, each problem is
   * shown under its field, and only a valid packet reaches the store (so what is saved or linked always reads back).
   */
  private editRequest(): void {
    const box = this.querySelector('[data-role="request"]');
    if (!box || !this.controller) return;
    const value = (name: string) =>
      box.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)?.value ?? '';
    const proto = value('proto');
    const portField = box.querySelector<HTMLElement>('[data-role="dport"]');
    if (portField) portField.hidden = proto === 'icmp';
    const input: Record<string, string> = { from: value('from'), to: value('to'), proto };
    // A port input left behind while icmp is chosen is hidden, and not part of the packet.
    if (proto !== 'icmp') input.dport = value('dport').trim();
    const seq = ++this.requestInputSeq;
    void this.controller.inputRequest(input).then((errors) => {
      if (seq !== this.requestInputSeq) return; // a later keystroke has its own reading
      this.requestErrors = errors;
      if (this.store) this.renderRequestErrors(this.store.get().errors);
    });
  }

  /** A prepared packet of the chapter replaces the packet inputs (the select then returns to its prompt). */
  private chooseWalk(select: HTMLSelectElement): void {
    const request = readData<unknown>(select.value);
    select.value = '';
    if (!request || !this.controller) return;
    this.requestErrors = [];
    void this.controller.inputRequest(request);
  }

  /** Shows each packet field's problems under it: what the reader typed, then what the simulator said of the packet. */
  private renderRequestErrors(runErrors: readonly ScenarioError[]): void {
    const box = this.querySelector('[data-role="request"]');
    if (!box) return;
    for (const name of ['from', 'to', 'proto', 'dport']) {
      const input = box.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
      if (!input) continue;
      const pointer = `/request/${name}`;
      const typed = errorsForPointer(this.requestErrors, pointer);
      const own = typed.length ? typed : errorsForPointer(runErrors, pointer);
      let hint = input.id ? this.querySelector<HTMLElement>(`#${cssEscape(input.id)}-error`) : null;
      if (!hint && own.length && input.id) {
        hint = document.createElement('p');
        hint.className = 'dvr-field-error';
        hint.id = `${input.id}-error`;
        hint.dataset.testid = `request-${name}-error`;
        input.insertAdjacentElement('afterend', hint);
        input.setAttribute('aria-describedby', hint.id);
      }
      if (own.length) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      if (hint) {
        hint.textContent = [...new Set(own.map((e) => plainMessage(e.message)))].join(' ');
        hint.hidden = own.length === 0;
      }
    }
  }

  private reset(): void {
    this.controller?.reset();
    this.say('Back to the chapter’s example.');
  }

  private async share(): Promise<void> {
    if (!this.controller) return;
    const hash = await this.controller.shareHash();
    if (hash.length > MAX_SHARE_HASH_CHARS) {
      this.say('This scenario is too large for a link. Use “Export” to save it as a file instead.');
      return;
    }
    const url = new URL(location.href);
    url.hash = hash;
    const output = this.querySelector<HTMLInputElement>('input[data-role="share-link"]');
    if (output) {
      output.value = url.href;
      output.closest<HTMLElement>('[data-role="share"]')?.removeAttribute('hidden');
    }
    try {
      await navigator.clipboard.writeText(url.href);
      this.say('Link copied. Whoever opens it sees this scenario and packet.');
    } catch {
      output?.select();
      this.say('Copy the link below (the browser did not allow copying it for you).');
    }
  }

  private exportFile(): void {
    const text = this.store?.get().text ?? '';
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${this.dataset.example ?? 'scenario'}.json`;
    a.hidden = true;
    this.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this.say(`Exported the scenario as ${a.download}.`);
  }

  private async importFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file || !this.controller) return;
    if (file.size > MAX_IMPORT_BYTES) {
      this.say(`That file is too large (${file.size} bytes; at most ${MAX_IMPORT_BYTES}). Nothing was imported.`);
      return;
    }
    try {
      this.controller.editText(await file.text(), 'now');
      this.say(`Imported ${file.name}.`);
    } catch {
      this.say('That file could not be read. Nothing was imported.');
    }
  }

  private async toggleEditor(): Promise<void> {
    const panel = this.querySelector<HTMLElement>('[data-role="editor"]');
    const button = this.querySelector<HTMLButtonElement>('button[data-action="editor"]');
    const mount = this.querySelector<HTMLElement>('[data-role="editor-mount"]');
    if (!panel || !button || !mount || !this.store || !this.controller || this.editorLoading) return;
    if (this.editor) {
      panel.hidden = !panel.hidden;
      button.setAttribute('aria-expanded', String(!panel.hidden));
      button.textContent = panel.hidden ? 'Open the full editor' : 'Close the full editor';
      if (!panel.hidden) this.editor.focus();
      return;
    }
    this.editorLoading = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = 'Loading the editor…';
    panel.hidden = false;
    try {
      const { openEditor } = await import('../editor/open-editor');
      this.editor = await openEditor(mount, this.dataset.example ?? '', this.store, this.controller);
      button.textContent = 'Close the full editor';
      button.setAttribute('aria-expanded', 'true');
      this.dataset.editor = 'ready';
      this.editor.focus();
    } catch {
      panel.hidden = true;
      button.textContent = 'Open the full editor';
      this.say('The editor could not be loaded. The form above still edits the scenario.');
    } finally {
      button.removeAttribute('aria-busy');
      this.editorLoading = false;
    }
  }

  /** Where a pointer's value is in the text, once the core is loaded (it always is when there are errors to show). */
  private locate(text: string, pointer: string): { line: number; column: number } | null {
    try {
      return this.core ? this.core.locatePointer(text, pointer) : null;
    } catch {
      return null;
    }
  }

  private say(message: string): void {
    this.message = message;
    if (this.store) this.render(this.store.get());
  }

  private render(state: SandboxState): void {
    this.dataset.stale = String(state.stale);
    // Stepping through hops changes the store many times a second; redo only the parts whose inputs changed.
    const last = this.rendered;
    this.rendered = {
      text: state.text,
      errors: state.errors,
      request: state.request,
      notices: state.notices,
      offers: state.offers,
      message: this.message,
    };
    // Every run publishes a fresh (often empty) error list: no errors before and after is no change, and re-reading
    // a large scenario's text for the form would sit between the simulator and the redrawn trace.
    const errorsChanged = state.errors !== last?.errors && !(state.errors.length === 0 && last?.errors.length === 0);
    if (state.text !== null && (state.text !== last?.text || errorsChanged)) this.renderForm(state.text, state.errors);
    if (state.request && state.request !== last?.request) this.renderRequest(state.request);
    if (errorsChanged || state.text !== last?.text) this.renderErrors(state.text ?? '', state.errors);
    if (errorsChanged || state.request !== last?.request) this.renderRequestErrors(state.errors);
    this.renderResultLine(state);
    const status = this.querySelector('[data-testid="sandbox-status"]');
    if (status && (state.notices !== last?.notices || this.message !== last.message || state.offers !== last.offers)) {
      const lines = [...state.notices, this.message].filter(Boolean);
      const list: HTMLElement[] = lines.map((line) => {
        const p = document.createElement('p');
        p.textContent = line;
        return p;
      });
      list.push(...state.offers.map((offer) => this.renderOffer(offer)));
      status.replaceChildren(...list);
    }
  }

  /** After every run, says by the form what happened to the packet and what changed (a polite live region). */
  private renderResultLine(state: SandboxState): void {
    const line = this.querySelector<HTMLElement>('[data-testid="result-line"]');
    if (!line) return;
    let text: string | null = null;
    if (state.stale && state.errors.length) {
      text = problemLine(describeProblems(state.errors, this.fields, () => null).length);
    } else if (state.result && state.result.revision !== this.lineRevision && state.request) {
      this.lineRevision = state.result.revision;
      const run: LineRun = { request: state.request, trace: state.result.trace };
      text = resultLine(run, this.lastRun ?? this.builtRun());
      this.lastRun = run;
    }
    if (text !== null && line.textContent !== text) line.textContent = text;
    if (text !== null) line.removeAttribute('aria-busy');
    line.dataset.stale = String(state.stale);
  }

  /** Shows progress in the result line (busy) until the next result or problem replaces it. */
  private progress(text: string): void {
    const line = this.querySelector<HTMLElement>('[data-testid="result-line"]');
    if (!line) return;
    line.textContent = text;
    line.setAttribute('aria-busy', 'true');
  }

  /** The example's own run as the build rendered it, compared with the first live run. */
  private builtRun(): LineRun | null {
    const trace = readData<LineRun['trace']>(this.dataset.lineTrace);
    const request = readData<TraceRequest>(this.dataset.request);
    return trace && request ? { request, trace } : null;
  }

  /** One offer about the reader's work, as a sentence and its buttons or link (text only: never markup from a link). */
  private renderOffer(offer: SandboxOffer): HTMLElement {
    const p = document.createElement('p');
    p.className = 'dvr-offer';
    p.dataset.testid = `sandbox-offer-${offer.kind}`;
    p.append(offer.message, ' ');
    const button = (label: string, action: () => void) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.addEventListener('click', action);
      return b;
    };
    if (offer.kind === 'restore') {
      p.append(
        button('Restore my edit', () => {
          void this.controller
            ?.restorePrevious()
            .then(() => this.say('Your edit is back; the link’s version is gone.'));
        }),
        ' ',
        button('Discard my edit', () => {
          this.controller?.discardPrevious();
          this.say('Your earlier edit was discarded; the link’s version stays.');
        }),
      );
    } else if (offer.href) {
      const a = document.createElement('a');
      a.href = new URL(offer.href, location.origin).href;
      a.textContent = 'Open it on its chapter';
      p.append(a);
    }
    return p;
  }

  private renderForm(text: string, errors: readonly ScenarioError[]): void {
    let states = fieldStates(text, this.fields);
    // One parse of the text tells whether it is JSON: every field then has a value or a parent.
    const parsed = states.length === 0 || states.some((s) => s.editable || s.value !== '');
    if (parsed) this.lastParsed = states;
    else if (this.lastParsed) states = staleFieldStates(text, this.lastParsed);
    const note = this.querySelector<HTMLElement>('[data-role="form-note"]');
    if (note) note.hidden = parsed;
    states.forEach((s) => {
      const input = this.querySelector<HTMLInputElement>(`input[data-pointer="${cssEscape(s.field.pointer)}"]`);
      if (!input) return;
      if (input.value.trim() !== s.value && !(document.activeElement === input && !s.editable)) input.value = s.value;
      input.readOnly = !s.editable;
      if (parsed) delete input.dataset.stale;
      else input.dataset.stale = 'true';
      const own = errorsForPointer(errors, s.field.pointer);
      // The field's problem is told once, in the problem list under its label; the field points to that entry.
      const describedBy = [
        ...(own.length ? [`${input.id}-problem`] : []),
        ...(parsed || !note?.id ? [] : [note.id]),
      ].join(' ');
      if (!describedBy) input.removeAttribute('aria-describedby');
      else if (input.getAttribute('aria-describedby') !== describedBy)
        input.setAttribute('aria-describedby', describedBy);
      if (own.length) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    });
  }

  private renderRequest(request: TraceRequest): void {
    const box = this.querySelector('[data-role="request"]');
    if (!box) return;
    const set = (name: string, value: string) => {
      const el = box.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
      if (el && el.value.trim() !== value && document.activeElement !== el) el.value = value;
    };
    set('from', request.from);
    set('to', request.to);
    set('proto', request.proto ?? 'icmp');
    if (request.dport !== undefined) set('dport', String(request.dport));
    const portField = box.querySelector<HTMLElement>('[data-role="dport"]');
    if (portField) portField.hidden = (request.proto ?? 'icmp') === 'icmp';
  }

  /**
   * The problem list: each problem once, in plain words, with one location: a form field's label (the field is
   * marked invalid and points to its entry), else line and column in the text. The packet's problems are shown
   * under the packet's inputs instead (renderRequestErrors).
   */
  private renderErrors(text: string, errors: readonly ScenarioError[]): void {
    const box = this.querySelector<HTMLElement>('[data-testid="sandbox-errors"]');
    const list = box?.querySelector('ul');
    if (!box || !list) return;
    const problems = describeProblems(
      errors.filter((e) => !e.path.startsWith('/request')),
      this.fields,
      (pointer) => this.locate(text, pointer),
    );
    box.hidden = errors.length === 0;
    list.hidden = problems.length === 0;
    list.replaceChildren(
      ...problems.map((problem) => {
        const li = document.createElement('li');
        const input = problem.field
          ? this.querySelector<HTMLInputElement>(`input[data-pointer="${cssEscape(problem.field.pointer)}"]`)
          : null;
        if (input?.id) li.id = `${input.id}-problem`;
        const where = document.createElement('strong');
        where.textContent = `${problem.where}:`;
        li.append(where, ` ${problem.message}`);
        return li;
      }),
    );
  }
}

function cssEscape(text: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(text) : text.replace(/["\\]/g, '\\$&');
}

if (!customElements.get('dvr-sandbox')) customElements.define('dvr-sandbox', DvrSandbox);
