import type { StorageLike } from '../state/persistence';

/** The storage key that remembers a lab is loaded in this browser (the sandbox keeps the broken scenario too). */
export function labLoadedKey(id: string): string {
  return `dvr-lab:lab-loaded:${id}`;
}

/** Whether the lab was loaded and not reset since; false when storage cannot be read. */
export function wasLoaded(storage: StorageLike | null, id: string): boolean {
  try {
    return storage?.getItem(labLoadedKey(id)) === 'loaded';
  } catch {
    return false;
  }
}
