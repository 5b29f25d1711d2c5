import { applyCompletion } from '../../view-model/console-completion';
import { emptyHistory, move, remember, type ConsoleHistory } from '../../view-model/console-history';
import type { Model } from '../state/core-types';
import { loadCore, type Core } from '../state/load-core';
import { sandboxStore } from '../state/sandbox-store';
import { showHost } from './console-prompt';

/** Entries the log keeps; older ones are dropped so a long session stays light. */
const MAX_ENTRIES = 100;

/** What the console's first-paint element hands over to: run the line, or complete it (a Tab pressed early). */
export interface ConsoleSession {
  submit(): void;
  complete(line: string): void;
}

/**
 * The terminal behind `<dvr-console>`: runs each line with the core's `runCommand` on the scenario the
 * page's sandbox holds now (its last valid result, else the chapter's example), appends the answer to the
 * log, and gives the input its history (ArrowUp/ArrowDown) and Tab completion. Returns what the first-paint
 * element calls on an Enter or a Tab pressed before the terminal had loaded.
 */
export function attachConsole(el: HTMLElement): ConsoleSession {
  const example = el.dataset.example ?? '';
  const store = sandboxStore(example);
  const select = el.querySelector<HTMLSelectElement>('select[data-role="host"]')!;
  const input = el.querySelector<HTMLInputElement>('input[data-role="input"]')!;
  const log = el.querySelector<HTMLElement>('[data-role="log"]')!;
  let history: ConsoleHistory = emptyHistory();
  let core: Core | null = null;
  let exampleModel: Model | null = null;
  let coreFailed = false;
  const coreReady = loadCore().then((c) => (core = c));
  coreReady.catch(() => (coreFailed = true));

  /** The scenario commands answer from: the sandbox's last valid run, else the chapter's example as built. */
  const currentModel = (c: Core): Model | null => {
    const result = store.get().result;
    if (result) return result.model;
    if (!exampleModel) {
      const scenario = c.exampleById(example)?.scenario;
      const loaded = scenario === undefined ? null : c.loadScenario(JSON.stringify(scenario)).scenario;
      exampleModel = loaded ? c.buildModel(loaded) : null;
    }
    return exampleModel;
  };

  showHost(el);
  select.addEventListener('change', () => showHost(el));

  // An edit may add, rename or remove hosts: the list follows the sandbox's scenario.
  const unsubscribe = store.subscribe((state) => {
    el.dataset.stale = String(state.stale);
    const hosts = state.result?.model.scenario.hosts;
    if (!hosts) return;
    const now = [...select.options].map((o) => o.value);
    if (now.length === hosts.length && hosts.every((h, i) => h.name === now[i])) return;
    const keep = select.value;
    select.replaceChildren(
      ...hosts.map((h) => {
        const option = document.createElement('option');
        option.value = h.name;
        option.textContent = `${h.name} (${h.agentMode})`;
        return option;
      }),
    );
    if (hosts.some((h) => h.name === keep)) select.value = keep;
    showHost(el);
  });
  // The element leaving the page ends the subscription.
  new MutationObserver((_, observer) => {
    if (!el.isConnected) {
      unsubscribe();
      observer.disconnect();
    }
  }).observe(document.body, { childList: true, subtree: true });

  const append = (entry: HTMLElement) => {
    log.append(entry);
    const entries = log.querySelectorAll('.dvr-console-entry');
    for (let i = 0; i < entries.length - MAX_ENTRIES; i++) entries[i].remove();
    log.scrollTop = log.scrollHeight;
  };

  const entryFor = (host: string, line: string): HTMLElement => {
    const entry = document.createElement('div');
    entry.className = 'dvr-console-entry';
    const command = document.createElement('p');
    command.className = 'dvr-console-command';
    const shown = document.createElement('span');
    shown.className = 'dvr-console-prompt';
    shown.textContent = `root@${host}:~# `;
    command.append(shown, line);
    entry.append(command);
    return entry;
  };

  const output = (entry: HTMLElement, text: string) => {
    if (!text) return;
    const pre = document.createElement('pre');
    pre.textContent = text;
    entry.append(pre);
  };

  const note = (entry: HTMLElement, text: string) => {
    const p = document.createElement('p');
    p.className = 'dvr-console-note';
    p.textContent = text;
    entry.append(p);
  };

  const run = async () => {
    const line = input.value;
    const host = select.value;
    input.value = '';
    history = remember(history, line);
    if (line.trim() === 'clear') {
      log.querySelectorAll('.dvr-console-entry').forEach((e) => e.remove());
      return;
    }
    const entry = entryFor(host, line);
    if (line.trim() !== '') {
      try {
        const c = await coreReady;
        const model = currentModel(c);
        if (!model) throw new Error('no model');
        const result = c.runCommand(model, host, line);
        entry.dataset.exit = String(result.exitCode);
        output(entry, result.output);
        if (store.get().stale) note(entry, 'The scenario has errors: this answer comes from its last valid version.');
      } catch {
        entry.dataset.exit = '1';
        note(entry, 'The simulator could not be loaded; reload the page to try again.');
      }
    }
    append(entry);
  };

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      const moved = move(history, input.value, event.key === 'ArrowUp' ? -1 : 1);
      history = moved.history;
      input.value = moved.line;
      input.setSelectionRange(moved.line.length, moved.line.length);
      event.preventDefault();
      return;
    }
    if (event.key !== 'Tab' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    if (!core) {
      // A word typed before the simulator has loaded is completed once it has; an empty line, or a simulator
      // that could not be loaded, lets focus move on.
      if (input.value.trim() === '' || coreFailed) return;
      event.preventDefault();
      completeWhenLoaded(input.value);
      return;
    }
    if (complete(core)) event.preventDefault();
  });

  /** Completes `line` once the simulator has loaded, if the reader has not changed the line meanwhile. */
  const completeWhenLoaded = (line: string) =>
    void coreReady.then(
      (loaded) => input.value === line && complete(loaded),
      () => {},
    );

  /** Completes the word at the end of the line; false when there is nothing to complete (Tab then moves focus on). */
  const complete = (loaded: Core): boolean => {
    const model = currentModel(loaded);
    if (!model) return false;
    const step = applyCompletion(input.value, loaded.completions(model, select.value, input.value));
    if (!step.handled) return false;
    input.value = step.line;
    if (step.listed.length) {
      const entry = entryFor(select.value, step.line);
      output(entry, step.listed.join('  '));
      entry.dataset.completion = 'true';
      append(entry);
    }
    return true;
  };

  return { submit: () => void run(), complete: completeWhenLoaded };
}
