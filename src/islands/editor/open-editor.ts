import type { MapStore } from 'nanostores';
import type { SandboxController } from '../state/sandbox-controller';
import type { SandboxState } from '../state/sandbox-store';
import { loadCore } from '../state/load-core';
import { createEditor, type EditorHandle } from './create-editor';
import { errorMarkers } from './error-markers';

/**
 * Opens the full editor for one sandbox: loads Monaco (this module is itself only reached by `import()`),
 * binds the editor to the example's store both ways, and shows the simulator's errors as markers.
 */
export async function openEditor(
  el: HTMLElement,
  exampleId: string,
  store: MapStore<SandboxState>,
  controller: SandboxController,
): Promise<EditorHandle> {
  const [{ monaco, useScenarioSchema }, core] = await Promise.all([import('./load-monaco'), loadCore()]);
  const uri = `inmemory://dvr-lab/${encodeURIComponent(exampleId)}.scenario.json`;
  useScenarioSchema(core.scenarioSchema, [uri]);
  const handle = createEditor(el, monaco, {
    uri,
    text: store.get().text ?? '',
    ariaLabel: 'Scenario JSON. Press Ctrl+M to let Tab move focus out of the editor.',
    dark: document.documentElement.dataset.theme === 'dark',
    maxHeight: 1400,
  });
  const showErrors = (state: SandboxState) => {
    const text = state.text ?? '';
    handle.setErrors(errorMarkers(text, state.errors, (t, p) => core.locatePointer(t, p)));
  };
  const offChange = handle.onChange((text) => controller.editText(text));
  // Follow Starlight's light/dark switch, which sets data-theme on the root element.
  const themeWatch = new MutationObserver(() =>
    monaco.editor.setTheme(document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs'),
  );
  themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const offStore = store.subscribe((state) => {
    if (state.text !== null && state.text !== handle.getText()) handle.setText(state.text);
    showErrors(state);
  });
  return {
    ...handle,
    dispose() {
      themeWatch.disconnect();
      offChange();
      offStore();
      handle.dispose();
    },
  };
}
