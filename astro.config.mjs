// @ts-check
/** The course site: Starlight over the chapters in `content/`, with the sandbox islands bundled locally. */
import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
// S2's plugin: Monaco's own CSS is inlined into the lazily loaded editor chunk,
// so pages that never open the editor do not link ~175 KB of stylesheet (see the plugin's comment).
import { monacoCssInline } from './src/islands/editor/monaco-css-inline.ts';
// Every built page carries a strict Content-Security-Policy (see the module for why it is not Astro's own).
import { contentSecurityPolicy } from './src/integrations/content-security-policy.ts';
import { orderChapters } from './src/course-order.ts';

// Astro has no config key for these; the npm scripts set them too, this covers `astro` run by hand.
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
process.env.ASTRO_DISABLE_UPDATE_CHECK ??= 'true';

/** Slugs of the chapters that exist in `content/`, in course order (src/course-order.ts). */
function chapterSlugs() {
  const dir = new URL('./content/', import.meta.url);
  const present = existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => /\.mdx?$/.test(file))
        .map((file) => file.replace(/\.mdx?$/, ''))
    : [];
  return orderChapters(present);
}

/** Where the built site is served from, e.g. `/dvr-lab/` on a project page; `/` by default. */
const base = process.env.BASE_PATH || '/';

export default defineConfig({
  base,
  // Parallel work on one machine builds into separate folders (DVR_OUT_DIR); dist/ by default.
  outDir: process.env.DVR_OUT_DIR || './dist',
  trailingSlash: 'ignore',
  integrations: [
    starlight({
      title: 'DVR Lab',
      description:
        'An interactive course on OpenStack Neutron Juno’s Distributed Virtual Router, with a live packet simulator.',
      favicon: '/favicon.svg',
      // The chapters live outside src/content/docs, so autogenerate would come out empty:
      // list them by slug, in course order (labels come from each chapter's `sidebar.label`).
      sidebar: [
        { label: 'About the course', slug: 'index' },
        { label: 'Chapters', items: chapterSlugs().map((slug) => ({ slug })) },
        { label: 'Reference', items: [{ slug: 'reference' }] },
        { label: 'Practice', items: [{ slug: 'lab' }] },
      ],
      // Asides (:::note) and heading links for Markdown outside src/content/docs.
      markdown: { processedDirs: ['./content'] },
      pagefind: true,
      // A browser that refuses storage must not break Starlight's theme script; a page with lab cells is marked
      // for the lab bench's layout (see each override).
      components: {
        ThemeProvider: './src/overrides/ThemeProvider.astro',
        PageFrame: './src/overrides/PageFrame.astro',
      },
      lastUpdated: false,
      // Prose-wide rules for the chapters' Markdown (tables with long identifiers).
      customCss: ['./src/styles/prose.css'],
    }),
    contentSecurityPolicy(),
  ],
  vite: {
    // `@dvr-lab/sandbox-core` exports its TypeScript source under the "source" condition,
    // so the site bundles the simulator without a separate build step.
    resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
    ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
    // The cast bridges two copies of Vite's types: the plugin is typed against the hoisted Vite 7
    // (vitest's), Astro 5 runs Vite 6; the plugin only uses hooks both share.
    plugins: /** @type {import('astro').ViteUserConfig['plugins']} */ ([monacoCssInline()]),
  },
});
