/** The simulator's public API, as the islands load it. */
export type Core = typeof import('@dvr-lab/sandbox-core');

let pending: Promise<Core> | null = null;

/** Loads the simulator once, on demand (first edit, a restored edit or a share link), so a chapter's first paint carries none of it. */
export function loadCore(): Promise<Core> {
  pending ??= import('@dvr-lab/sandbox-core');
  return pending;
}
