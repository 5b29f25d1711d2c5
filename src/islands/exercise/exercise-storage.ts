import type { StorageLike } from '../state/persistence';

/** The storage key of one exercise's progress; ids are unique across the course, so the key needs no page path. */
export function exerciseKey(id: string): string {
  return `dvr-lab:exercise:${id}`;
}

/** Whether the reader solved this exercise before (in this browser); false when storage cannot be read. */
export function wasSolved(storage: StorageLike | null, id: string): boolean {
  try {
    return storage?.getItem(exerciseKey(id)) === 'solved';
  } catch {
    return false;
  }
}

/** Remembers that the exercise is solved; returns false (and changes nothing) when storage refuses. */
export function rememberSolved(storage: StorageLike | null, id: string): boolean {
  if (!storage) return false;
  try {
    storage.setItem(exerciseKey(id), 'solved');
    return true;
  } catch {
    return false;
  }
}
