import type { ReceivedState, SharedState } from './share-link';

/** The part of Web Storage persistence needs, so tests can hand in a storage that is full, disabled or holding garbage. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What reading the saved edit found: nothing, the reader's state, or a sentence saying what could not be read. */
export type LoadResult = { kind: 'none' } | { kind: 'ok'; state: ReceivedState } | { kind: 'error'; message: string };

/** The storage key of one sandbox: per chapter (page path) and example, so chapters sharing an example keep separate edits. */
export function storageKey(pagePath: string, exampleId: string): string {
  return `dvr-lab:sandbox:v1:${pagePath}:${exampleId}`;
}

/** Where the reader's own edit is kept when a share link replaces it, until they restore or discard it. */
export function previousKey(key: string): string {
  return `${key}:before-link`;
}

/** The browser's localStorage, or null where reading the property itself throws (storage disabled, sandboxed frames). */
export function browserStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Reads the reader's saved edit; never throws. */
export function loadSaved(storage: StorageLike | null, key: string): LoadResult {
  if (!storage)
    return {
      kind: 'error',
      message: 'This browser does not allow saving here, so your edits will last only until you leave the page.',
    };
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return {
      kind: 'error',
      message: 'Your saved edit could not be read (storage is not available); showing the chapter’s example.',
    };
  }
  if (raw === null) return { kind: 'none' };
  try {
    const value: unknown = JSON.parse(raw);
    // Only the shape is checked here: the text is the reader's and always comes back; the packet is read by the
    // core's parseTraceRequest, like a share link's, so whatever was saved can be read and linked.
    if (typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string') {
      const request: unknown = (value as { request?: unknown }).request;
      return { kind: 'ok', state: { text: (value as { text: string }).text, request } };
    }
  } catch {
    // fall through: garbage in storage is reported, not fatal
  }
  return {
    kind: 'error',
    message: 'Your saved edit could not be read (the stored data is damaged); showing the chapter’s example.',
  };
}

/** Saves the reader's state; returns null on success or a sentence saying what could not be saved. */
export function saveState(storage: StorageLike | null, key: string, state: SharedState): string | null {
  if (!storage)
    return 'This browser does not allow saving here, so your edits will last only until you leave the page.';
  try {
    storage.setItem(key, JSON.stringify({ text: state.text, request: state.request }));
    return null;
  } catch (error) {
    const full =
      error instanceof DOMException &&
      (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED');
    return full
      ? 'Your edit could not be saved: the browser’s storage for this site is full. Use “Export” to keep a copy.'
      : 'Your edit could not be saved (storage is not available). Use “Export” to keep a copy.';
  }
}

/** Forgets the saved edit (on reset); returns null on success or a sentence saying what could not be removed. */
export function clearSaved(storage: StorageLike | null, key: string): string | null {
  if (!storage) return null;
  try {
    storage.removeItem(key);
    return null;
  } catch {
    return 'The saved edit could not be removed from storage; it may come back after a reload.';
  }
}
