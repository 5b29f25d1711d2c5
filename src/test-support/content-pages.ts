import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One MDX page of `content/` as the content tests read it: its slug, its repository path and its source. */
export interface ContentPage {
  slug: string;
  path: string;
  text: string;
}

/** Every page of `content/` (landing page and reference included), by file name; the content tests' one reader. */
export function contentPages(): ContentPage[] {
  const dir = join(import.meta.dirname, '..', '..', 'content');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .map((name) => ({
      slug: name.replace(/\.mdx$/, ''),
      path: `content/${name}`,
      text: readFileSync(join(dir, name), 'utf8'),
    }));
}
