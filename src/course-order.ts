/**
 * The course's chapters in reading order, by file name in `content/`, and the pages that are not chapters.
 * One home for both: the sidebar (astro.config.mjs) and the landing page's course map read them.
 */
export const COURSE_ORDER: readonly string[] = [
  'legacy', // 1. Before DVR: the legacy router
  'building-blocks', // 2. DVR's building blocks
  'east-west', // 3. East-west routing
  'floating-ips', // 4. Floating IPs
  'snat', // 5. Shared IP: SNAT
  'dvr-vs-legacy', // 6. DVR versus legacy
  'configuration', // 7. Configuration and troubleshooting
  'after-juno', // 8. After Juno: what became of its limits
];

/** Pages in `content/` that are not chapters: the landing page, the reference and the free lab, each with its own sidebar entry. */
export const NOT_CHAPTERS: readonly string[] = ['index', 'reference', 'lab'];

/**
 * Slugs of the chapters present, in course order, then any others by name. A chapter not written yet is skipped
 * (a sidebar entry without its page fails the build); one missing from the list is still shown, after the others.
 */
export function orderChapters(present: readonly string[]): string[] {
  const chapters = present.filter((slug) => !NOT_CHAPTERS.includes(slug));
  const ordered = COURSE_ORDER.filter((slug) => chapters.includes(slug));
  return [...ordered, ...chapters.filter((slug) => !COURSE_ORDER.includes(slug)).sort()];
}
