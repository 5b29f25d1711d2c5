import type { Plugin } from 'vite';

/** Prefix of the virtual modules that stand in for Monaco's stylesheets (must not end in `.css`, or Vite treats them as CSS again). */
const VIRTUAL_PREFIX = '\0dvr-monaco-css:';
/** Suffix that keeps the virtual id from ending in `.css`. */
const VIRTUAL_SUFFIX = '.adopt.js';

/**
 * A Vite plugin that turns Monaco's own `.css` imports into styles adopted by the lazily loaded editor chunk,
 * so Astro does not link ~175 KB of Monaco stylesheet on every page that could open the editor.
 * (Astro links the CSS of lazily imported chunks as an ordinary stylesheet on every page that can reach them;
 * the virtual id must not end in `.css`, or Vite treats it as CSS again.)
 */
export function monacoCssInline(): Plugin {
  return {
    name: 'dvr-monaco-css-inline',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('.css') || !isMonacoFile(importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external) return null;
      return VIRTUAL_PREFIX + resolved.id + VIRTUAL_SUFFIX;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL_PREFIX) || !id.endsWith(VIRTUAL_SUFFIX)) return null;
      const file = id.slice(VIRTUAL_PREFIX.length, -VIRTUAL_SUFFIX.length);
      // Constructed stylesheets are not inline <style> elements, so a strict style-src CSP does not block them.
      return [
        `import css from ${JSON.stringify(file + '?inline')};`,
        `if (typeof document !== 'undefined') {`,
        `  if ('adoptedStyleSheets' in document && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {`,
        `    const sheet = new CSSStyleSheet();`,
        `    sheet.replaceSync(css);`,
        `    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];`,
        `  } else {`,
        `    const style = document.createElement('style');`,
        `    style.textContent = css;`,
        `    document.head.append(style);`,
        `  }`,
        `}`,
      ].join('\n');
    },
  };
}

/** True for modules inside the monaco-editor package, wherever npm put it. */
function isMonacoFile(id: string): boolean {
  return id.replace(/\\/g, '/').includes('/node_modules/monaco-editor/');
}
