/** The docs collection, loaded from the top-level `content/` folder so chapters sit apart from the site's code. */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

/** Starlight's `docs` collection: every `.md`/`.mdx` file under `content/` is a page. */
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/*.{md,mdx}' }),
    schema: docsSchema(),
  }),
};
