// Only the editor core, the contributions a JSON editor needs, and the JSON language: about half of full Monaco.
// Since monaco-editor 0.56 the workers live at `monaco-editor/editor/editor.worker` and
// `monaco-editor/languages/features/json/json.worker` (the old `esm/vs/...` paths no longer resolve),
// and without `self.MonacoEnvironment.getWorker` the editor worker fails to load.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode';
import 'monaco-editor/editor/contrib/format/browser/formatActions';
import 'monaco-editor/editor/common/standaloneStrings';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

/** The Monaco namespace, loaded by `import()` only when a reader opens the editor. */
export { monaco };

/** Gives the JSON language the scenario schema for completion, hover and inline errors, for the given model URIs. */
export function useScenarioSchema(schema: object, modelUris: string[]): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemas: [{ uri: 'inmemory://dvr-lab/scenario.schema.json', fileMatch: modelUris, schema }],
  });
}
