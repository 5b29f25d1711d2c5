/** Brings an example's diagram and hop inspector into view, for whatever chose a hop far from them (a trace row, a step of the text). */
export function revealLab(exampleId: string): void {
  const lab = [...document.querySelectorAll<HTMLElement & { reveal?: () => void }>('dvr-diagram')].find(
    (el) => el.dataset.example === exampleId,
  );
  lab?.reveal?.();
}
