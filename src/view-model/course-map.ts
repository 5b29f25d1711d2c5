import { exerciseFromProps, extractUsages } from './exercise-spec';
import { faultLabFromProps } from './fault-lab-spec';

/** What kind of practice an entry is: a prediction question, a goal exercise, the chapter's closing challenge, or a fault-finding lab. */
export type PracticeKind = 'question' | 'exercise' | 'challenge' | 'lab';

/** One exercise on the course map, in the order a reader meets it. */
export interface PracticeEntry {
  id: string;
  title: string;
  kind: PracticeKind;
}

/** One chapter on the course map with its practice, in course order. */
export interface CourseMapChapter {
  slug: string;
  title: string;
  entries: PracticeEntry[];
}

/** A chapter as the build reads it: its slug, its title and its MDX source. */
export interface ChapterSource {
  slug: string;
  title: string;
  mdx: string;
}

/**
 * The course map from the chapters' sources (already in course order): every exercise and fault-finding lab of every
 * chapter, in the order it appears, the last goal exercise of a chapter being its challenge. Chapters without
 * practice are kept, so the map shows the whole course.
 */
export function courseMap(chapters: readonly ChapterSource[]): CourseMapChapter[] {
  return chapters.map(({ slug, title, mdx }) => {
    const usages = extractUsages(mdx).filter((u) => u.component === 'Exercise' || u.component === 'FaultLab');
    const exercises = usages.filter((u) => u.component === 'Exercise').map((u) => exerciseFromProps(u.props as never));
    const lastGoal = exercises.findLastIndex((s) => s.choices === null);
    let n = 0;
    const entries = usages.map((u): PracticeEntry => {
      if (u.component === 'FaultLab') {
        const lab = faultLabFromProps(u.props as never);
        return { id: lab.id, title: lab.title, kind: 'lab' };
      }
      const i = n++;
      const s = exercises[i];
      const kind: PracticeKind = s.choices
        ? 'question'
        : i === lastGoal && i === exercises.length - 1
          ? 'challenge'
          : 'exercise';
      return { id: s.id, title: s.title, kind };
    });
    return { slug, title, entries };
  });
}

/** The `format` field that marks a file as DVR Lab progress, so an unrelated JSON file is refused by name. */
export const PROGRESS_FORMAT = 'dvr-lab-progress';

/** The progress file: which exercises are solved, as a learner moves it to another browser or hands it in. */
export interface ProgressFile {
  format: typeof PROGRESS_FORMAT;
  version: 1;
  solved: string[];
}

/** The text of a progress file for these solved ids (sorted, so the same progress always gives the same bytes). */
export function progressFileText(solved: Iterable<string>): string {
  const file: ProgressFile = { format: PROGRESS_FORMAT, version: 1, solved: [...new Set(solved)].sort() };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** What reading a progress file found: the known solved ids and the unknown ones, or a sentence saying why not. */
export type ProgressRead = { ok: true; solved: string[]; unknown: string[] } | { ok: false; message: string };

/** The largest progress file read: a course has tens of exercises, so anything far larger is not one of ours. */
export const MAX_PROGRESS_BYTES = 64 * 1024;

/** Reads a progress file against the course's exercise ids; never throws, and explains what it refuses. */
export function readProgressFile(text: string, knownIds: ReadonlySet<string>): ProgressRead {
  if (text.length > MAX_PROGRESS_BYTES)
    return { ok: false, message: 'This file is too large to be a DVR Lab progress file.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not JSON, so it is not a DVR Lab progress file.' };
  }
  const file = value as Partial<ProgressFile> | null;
  if (!file || typeof file !== 'object' || file.format !== PROGRESS_FORMAT)
    return {
      ok: false,
      message: 'This JSON file is not a DVR Lab progress file (its "format" is not "dvr-lab-progress").',
    };
  if (file.version !== 1)
    return {
      ok: false,
      message: `This progress file has version ${String(file.version)}; this course reads version 1.`,
    };
  if (!Array.isArray(file.solved) || !file.solved.every((id): id is string => typeof id === 'string'))
    return { ok: false, message: 'This progress file has no list of solved exercises.' };
  const ids = [...new Set(file.solved)];
  return { ok: true, solved: ids.filter((id) => knownIds.has(id)), unknown: ids.filter((id) => !knownIds.has(id)) };
}

/** The sentence after an import: how many exercises it marked solved, and what it ignored. */
export function importSummary(read: ProgressRead): string {
  if (!read.ok) return read.message;
  const solved = `Imported ${read.solved.length} solved exercise${read.solved.length === 1 ? '' : 's'}`;
  return read.unknown.length
    ? `${solved}; ${read.unknown.length} id${read.unknown.length === 1 ? '' : 's'} not in this course ignored.`
    : `${solved}.`;
}
