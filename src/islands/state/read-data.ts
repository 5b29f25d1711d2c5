/** Reads JSON the build wrote into a `data-*` attribute; null when it is missing or not JSON, so an island degrades instead of throwing. */
export function readData<T>(json: string | undefined): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}
