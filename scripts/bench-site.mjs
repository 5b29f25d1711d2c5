// The site's benchmark (`npm run bench:site`): prints numbers, checks no goal. It measures, on this machine:
//   (a) a clean production build into its own folder: wall time and peak memory;
//   (b)-(e) in Debian's Chromium against `astro preview` of that build, the time from the input event of an edit in a
//       chapter's quick form to the painted frame that shows it (and its parts: simulate, trace, diagram), read from the
//       User Timing entries the islands record (names in src/islands/state/perf-marks.ts), and the longest main-thread
//       task during the edits (Long Tasks API: it reports tasks of 50 ms and more), for every chapter and for a
//       generated 200-host / 2,000-VM cloud, whose share link's first draw is timed from navigation;
//   (f) Monaco: the JavaScript (gzip) fetched when "Open the full editor" is clicked and the time until it is visible;
//   (g) the JavaScript (gzip) a chapter loads before interaction, with Starlight's Pagefind search UI apart.
// It exits non-zero only when something broke (build, server, page, invalid scenario), never for a missed goal.
// Options (environment): BENCH_EDITS (edits per chapter, default 15), BENCH_LARGE_EDITS (default 10),
// BENCH_SKIP_BUILD=1 (reuse the last build in the out folder), BENCH_OUT_DIR (default $TMPDIR/dvr-bench-site/dist).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { largeScenario } from './large-scenario.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Outside the checkout: `astro check` type-checks every file under the root, a build's Monaco chunks included.
const OUT = resolve(ROOT, process.env.BENCH_OUT_DIR ?? join(tmpdir(), 'dvr-bench-site', 'dist'));
const EDITS = Number(process.env.BENCH_EDITS ?? 15);
const LARGE_EDITS = Number(process.env.BENCH_LARGE_EDITS ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ENV = { ...process.env, DVR_OUT_DIR: OUT, ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true' };
/** The measure names, as src/islands/state/perf-marks.ts records them. */
const M = {
  debounce: 'dvr:debounce',
  simulate: 'dvr:simulate',
  toTrace: 'dvr:simulate-to-trace',
  toDiagram: 'dvr:simulate-to-diagram',
  toFrame: 'dvr:simulate-to-diagram-frame',
  editToFrame: 'dvr:edit-to-frame',
};
/** The goals of issue 12: input event → painted frame (p90), the longest task, the 200-host link's first draw. */
const GOALS = { example: 50, large: 150, task: 50, firstDraw: 500 };

const rows = [];
const problems = [];
const log = (line) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------- helpers
const quantile = (xs, q) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
};
const ms = (x) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(1) : Math.round(x).toString()) : '—');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (kbytes) => `${Math.round(kbytes / 1024)} MB`;

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Sums the resident memory (KB) of a process and all its descendants, from /proc. */
function treeRssKb(rootPid) {
  let total = 0;
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

// ---------------------------------------------------------------- (a) clean build
async function cleanBuild() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(dirname(OUT), { recursive: true });
  const timeFile = join(dirname(OUT), 'build-time.txt');
  const hasTime = existsSync('/usr/bin/time');
  const astro = join(ROOT, 'node_modules/.bin/astro');
  // Another engineer may build in this checkout: wait for the shared lock first, so only the build itself is timed.
  const inner = hasTime ? ['/usr/bin/time', '-v', '-o', timeFile, astro, 'build'] : [astro, 'build'];
  const cmd = existsSync('/usr/bin/flock') ? ['/usr/bin/flock', '/tmp/astro-build.lock', ...inner] : inner;
  log(`build: ${cmd.join(' ')} (DVR_OUT_DIR=${OUT})`);
  const child = spawn(cmd[0], cmd.slice(1), { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let peakTree = 0;
  let started = 0;
  // The wall time starts when the lock is held, i.e. when astro's process exists.
  const poll = setInterval(() => {
    const rss = treeRssKb(child.pid);
    peakTree = Math.max(peakTree, rss);
    if (!started && /astro/.test(safeRead(`/proc/${child.pid}/cmdline`) + childCmdlines(child.pid)))
      started = performance.now();
  }, 100);
  const t0 = performance.now();
  const code = await new Promise((ok) => child.on('close', ok));
  clearInterval(poll);
  const wall = (performance.now() - (started || t0)) / 1000;
  if (code !== 0) {
    process.stderr.write(output.slice(-4000));
    throw new Error(`the build failed (exit ${code})`);
  }
  let maxRss = NaN;
  let timeWall = NaN;
  if (hasTime && existsSync(timeFile)) {
    const text = readFileSync(timeFile, 'utf8');
    maxRss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1]);
    const e = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)/.exec(text);
    if (e) timeWall = Number(e[1] ?? 0) * 3600 + Number(e[2]) * 60 + Number(e[3]);
  }
  return { wall: Number.isFinite(timeWall) ? timeWall : wall, maxRss, peakTree, pages: countPages(OUT) };
}

function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
function childCmdlines(pid) {
  return safeRead(`/proc/${pid}/task/${pid}/children`)
    .split(' ')
    .filter(Boolean)
    .map((c) => safeRead(`/proc/${c}/cmdline`) + childCmdlines(Number(c)))
    .join(' ');
}
function countPages(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countPages(join(dir, e.name));
    else if (e.name === 'index.html') n++;
  }
  return n;
}

// ---------------------------------------------------------------- (b) preview server
async function startPreview() {
  const port = await freePort();
  const child = spawn(
    join(ROOT, 'node_modules/.bin/astro'),
    ['preview', '--host', '127.0.0.1', '--port', String(port)],
    {
      cwd: ROOT,
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`astro preview exited: ${output.slice(-2000)}`);
    try {
      const response = await fetch(`${origin}/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`astro preview did not answer on ${origin} within 60 s: ${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // The server must serve this bench's build, not dist/ (outDir comes from the config, i.e. DVR_OUT_DIR).
  const served = await (await fetch(`${origin}/`)).text();
  const built = readFileSync(join(OUT, 'index.html'), 'utf8');
  if (served !== built) throw new Error(`astro preview on ${origin} does not serve ${OUT}`);
  return { origin, stop: () => child.exitCode === null && child.kill('SIGTERM') };
}

// ---------------------------------------------------------------- scenarios and edits
const core = await loadCoreForNode();

async function loadCoreForNode() {
  const dist = join(ROOT, 'sandbox-core/dist/index.js');
  if (!existsSync(dist)) {
    const build = spawnSync('npm', ['run', 'build', '-w', 'sandbox-core'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('could not build sandbox-core');
  }
  return import(pathToFileURL(dist).href);
}

function setPointer(text, pointer, value) {
  const json = JSON.parse(text);
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = json;
  for (const k of keys.slice(0, -1)) node = node[k];
  node[keys.at(-1)] = value;
  return JSON.stringify(json);
}

/** Whether a scenario text and packet simulate to a delivered trace (what an edit must keep, so every edit redraws). */
function valid(text, request) {
  const sim = core.simulate(text, request);
  return sim.errors.length === 0 && sim.trace !== null;
}

/** A form field to edit and two values it alternates between, both valid: the field's own value and a nearby address. */
function pickEdit(text, request, fields) {
  const candidates = [
    ...fields.filter((f) => /^\/vms\/\d+\/ip$/.test(f.pointer)),
    ...fields.filter((f) => f.kind === 'ipv4'),
    ...fields.filter((f) => f.kind === 'cidr'),
  ];
  for (const field of candidates) {
    const keys = field.pointer.split('/').slice(1);
    let value = JSON.parse(text);
    for (const k of keys) value = value?.[k];
    if (typeof value !== 'string') continue;
    const [address, prefix] = value.split('/');
    const octets = address.split('.').map(Number);
    for (let step = 3; step < 40; step++) {
      // An address moves its last octet; a network (/24 or wider) moves its third.
      const other =
        prefix === undefined
          ? [...octets.slice(0, 3), ((octets[3] + step - 2) % 250) + 2].join('.')
          : Number(prefix) <= 24
            ? `${[octets[0], octets[1], (octets[2] + step) % 250, octets[3]].join('.')}/${prefix}`
            : null;
      if (other && other !== value && valid(setPointer(text, field.pointer, other), request))
        return { field, values: [other, value] };
    }
  }
  return null;
}

/** The chapters with a sandbox and its quick form: slug and example id, from content/*.mdx (the free lab has no form). */
function chapters() {
  const dir = join(ROOT, 'content');
  return readdirSync(dir)
    .filter((f) => /\.mdx?$/.test(f) && !f.startsWith('index.'))
    .map((f) => {
      const tag = /<Sandbox\s+example="([^"]+)"[^>]*>/.exec(readFileSync(join(dir, f), 'utf8'));
      return { slug: f.replace(/\.mdx?$/, ''), example: tag && !/\bfreeLab\b/.test(tag[0]) ? tag[1] : undefined };
    })
    .filter((c) => c.example)
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

function shareHash(state) {
  return `#s=1.${deflateRawSync(Buffer.from(JSON.stringify(state))).toString('base64url')}`;
}

// ---------------------------------------------------------------- browser
async function launch() {
  const { chromium } = await import('@playwright/test');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A fresh context (empty cache and storage) that refuses anything not for the preview server and records page errors. */
async function newPage(browser, origin, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  await context.route('**/*', (route) =>
    route.request().url().startsWith(origin) || /^(data|blob|about):/.test(route.request().url())
      ? route.continue()
      : route.abort(),
  );
  // Every long task (50 ms or more) of the page, kept where collect() can read it.
  await context.addInitScript(() => {
    window.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // no Long Tasks API: the column stays empty
    }
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { context, page, errors };
}

/** How many entries of a measure the page has recorded. */
const countOf = (page, name) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').length, name);

/** Types `value` into the field and waits until the redraw of that edit has been measured up to its frame. */
async function editAndWait(page, input, value, timeout) {
  const before = await countOf(page, M.toFrame);
  await input.fill(value);
  await page.waitForFunction(([n, c]) => performance.getEntriesByName(n, 'measure').length > c, [M.toFrame, before], {
    timeout,
  });
  // Let the trace table's and any late island's measure land too.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
}

/** The durations of each measure recorded after the first `skip` runs (the warm-up edit loads the simulator and d3). */
function collect(page, skip) {
  return page.evaluate(
    ([names, n]) =>
      Object.fromEntries(
        Object.entries(names).map(([k, name]) => [
          k,
          performance
            .getEntriesByName(name, 'measure')
            .slice(n)
            .map((e) => e.duration),
        ]),
      ),
    [M, skip],
  );
}

/** The edits of one chapter: a warm-up edit, then `edits` measured ones alternating between two valid values. */
async function benchEdits(page, field, values, edits, timeout) {
  const input = page.locator(`dvr-sandbox input[data-pointer="${field.pointer}"]`).first();
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  const skip = await countOf(page, M.toFrame);
  await editAndWait(page, input, values[0], timeout);
  const first = await collect(page, skip);
  const since = await page.evaluate(() => performance.now());
  for (let i = 1; i <= edits; i++) await editAndWait(page, input, values[i % 2], timeout);
  const all = await collect(page, skip + 1);
  // The measured edits' long tasks; Playwright's own work between edits runs in another process.
  const tasks = await page.evaluate(
    (t) => window.__longTasks.filter((e) => e.start >= t).map((e) => e.duration),
    since,
  );
  return { first, all, longestTask: tasks.length ? Math.max(...tasks) : 0, longTasks: tasks.length };
}

function addRow(name, result, goal, note = '') {
  const { all, first, longestTask, longTasks } = result;
  const med = (k) => quantile(all[k], 0.5);
  const p90 = (k) => quantile(all[k], 0.9);
  rows.push({
    name,
    n: all.toFrame.length,
    simulate: med('simulate'),
    trace: med('toTrace'),
    traceP90: p90('toTrace'),
    diagram: med('toDiagram'),
    diagramP90: p90('toDiagram'),
    frame: med('toFrame'),
    frameP90: p90('toFrame'),
    debounce: med('debounce'),
    input: med('editToFrame'),
    inputP90: p90('editToFrame'),
    longestTask,
    longTasks,
    first: first.editToFrame[0] ?? first.toFrame[0],
    goal,
    note,
  });
}

// ---------------------------------------------------------------- main
let preview = null;
let browser = null;
const report = { build: null, monaco: null, js: null, firstDraw: NaN };
try {
  log(`bench:site on ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}; out folder ${OUT}`);
  if (process.env.BENCH_SKIP_BUILD && existsSync(join(OUT, 'index.html'))) log('build: skipped (BENCH_SKIP_BUILD)');
  else report.build = await cleanBuild();
  preview = await startPreview();
  log(`preview: ${preview.origin}`);
  browser = await launch();
  const examples = new Map(core.examples.map((e) => [e.id, e]));

  // (d) every chapter's example
  for (const { slug, example } of chapters()) {
    const ex = examples.get(example);
    const text = JSON.stringify(ex.scenario, null, 2);
    const edit = ex && pickEdit(text, ex.request, ex.formFields ?? []);
    if (!edit) {
      problems.push(`${slug}: no form field with a valid alternative value`);
      continue;
    }
    const { context, page, errors } = await newPage(browser, preview.origin);
    try {
      await page.goto(`${preview.origin}/${slug}/`, { waitUntil: 'load' });
      const result = await benchEdits(page, edit.field, edit.values, EDITS, 20_000);
      addRow(`${slug} (${example})`, result, GOALS.example, `${edit.field.label}: ${edit.values.join(' ⇄ ')}`);
      if (errors.length) problems.push(`${slug}: ${errors.join('; ')}`);
      log(`chapter ${slug}: done`);
    } catch (error) {
      problems.push(`${slug}: ${error.message.split('\n')[0]}`);
    } finally {
      await context.close();
    }
  }

  // (e) a generated 200-host / 2,000-VM cloud, through a share link into the SNAT chapter
  {
    const { text, request } = largeScenario();
    if (!valid(text, request)) throw new Error('the generated 200-host scenario does not simulate to a trace');
    const snat = examples.get('snat-seed');
    const field = snat.formFields.find((f) => f.pointer === '/vms/0/ip');
    const values = ['192.168.200.9', '192.168.200.6'];
    if (!values.every((v) => valid(setPointer(text, field.pointer, v), request)))
      throw new Error('the 200-host edits do not validate');
    const hash = shareHash({ example: 'snat-seed', text, request });
    const { context, page, errors } = await newPage(browser, preview.origin);
    try {
      await page.goto(`${preview.origin}/snat/${hash}`, { waitUntil: 'load' });
      // The share link's own run (core and d3 load, first full draw) is the warm-up.
      await page.waitForFunction((n) => performance.getEntriesByName(n, 'measure').length > 0, M.toFrame, {
        timeout: 120_000,
      });
      const loaded = (await collect(page, 0)).toFrame[0];
      // From navigation to the frame that paints the shared cloud's first drawing (the first dvr:diagram:frame mark).
      const firstDraw = await page.evaluate(
        () => performance.getEntriesByName('dvr:diagram:frame', 'mark')[0]?.startTime ?? NaN,
      );
      report.firstDraw = firstDraw;
      const result = await benchEdits(page, field, values, LARGE_EDITS, 120_000);
      const hosts = await page.locator('svg[data-testid="diagram"] .dvr-host').count();
      const boxes = await page.locator('svg[data-testid="diagram"] .dvr-box').count();
      addRow(
        '200 hosts / 2,000 VMs (snat)',
        result,
        GOALS.large,
        `share link ${hash.length} chars, first draw ${ms(firstDraw)} ms from navigation (${ms(loaded)} ms from its run's start); diagram draws ${hosts} host frames, ${boxes} boxes`,
      );
      if (errors.length) problems.push(`200 hosts: ${errors.join('; ')}`);
      log('200 hosts: done');
      // The drawing at desktop and phone width, for a look (tmp/ is not committed).
      mkdirSync(join(ROOT, 'tmp/bench-site'), { recursive: true });
      await page
        .locator('dvr-diagram')
        .first()
        .screenshot({ path: join(ROOT, 'tmp/bench-site/diagram-200-1280.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      await page
        .locator('dvr-diagram')
        .first()
        .screenshot({ path: join(ROOT, 'tmp/bench-site/diagram-200-390.png') });
    } catch (error) {
      problems.push(`200 hosts: ${error.message.split('\n')[0]}`);
    } finally {
      await context.close();
    }
  }

  // (f) Monaco and (g) JavaScript before interaction, on the SNAT chapter (median of 3 fresh page loads)
  {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const { context, page, errors } = await newPage(browser, preview.origin);
      try {
        const sizes = new Map();
        const pending = new Set();
        /** Waits until every response seen so far has been read and gzipped (large Monaco chunks take a while). */
        const settled = async () => {
          await page.waitForLoadState('networkidle');
          while (pending.size) await Promise.all([...pending]);
        };
        context.on('response', (response) => {
          const url = response.url();
          if (!(response.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(url)) || sizes.has(url)) return;
          sizes.set(url, 0);
          const read = response
            .body()
            .then((body) => sizes.set(url, gzipSync(body).length))
            .catch(() => {}) // no body (redirect, aborted): it costs nothing
            .finally(() => pending.delete(read));
          pending.add(read);
        });
        await page.goto(`${preview.origin}/snat/`, { waitUntil: 'networkidle' });
        // Starlight loads Pagefind's UI when the browser is idle: wait for it, so it is always counted.
        const deadline = Date.now() + 15_000;
        while (![...sizes.keys()].some((u) => /pagefind|ui-core/.test(u)) && Date.now() < deadline)
          await page.waitForTimeout(200);
        await settled();
        const before = new Map(sizes);
        // The simulator loads when the pointer or focus first reaches the sandbox: load it now, so the click below
        // fetches Monaco alone, and report it on its own line.
        await page.locator('dvr-sandbox input[data-pointer]').first().focus();
        // networkidle is already reached before the import starts: wait for the new script to show up first.
        for (const until = Date.now() + 5000; sizes.size === before.size && Date.now() < until;)
          await page.waitForTimeout(100);
        await settled();
        const warm = new Map(sizes);
        const coreBytes = [...warm].filter(([u]) => !before.has(u)).reduce((a, [, b]) => a + b, 0);
        const sum = (filter) => [...before].filter(([u]) => filter(u)).reduce((a, [, b]) => a + b, 0);
        const isPagefind = (u) => /pagefind|ui-core/.test(new URL(u).pathname);
        const ready = await page.evaluate(
          () =>
            new Promise((ok, fail) => {
              const button = [...document.querySelectorAll('button')].find(
                (b) => b.textContent?.trim() === 'Open the full editor',
              );
              if (!button) return fail(new Error('no "Open the full editor" button'));
              const t0 = performance.now();
              button.click();
              const check = () => {
                const el = document.querySelector('.monaco-editor');
                if (el && el.getBoundingClientRect().height > 0) ok(performance.now() - t0);
                else if (performance.now() - t0 > 60_000) fail(new Error('Monaco not visible after 60 s'));
                else requestAnimationFrame(check);
              };
              check();
            }),
        );
        // Monaco fetches its JSON mode and worker a moment after it shows: give them time to arrive.
        await page.waitForTimeout(2000);
        await settled();
        const editorBytes = [...sizes].filter(([u]) => !warm.has(u)).reduce((a, [, b]) => a + b, 0);
        const editorFiles = [...sizes]
          .filter(([u]) => !warm.has(u))
          .map(([u, b]) => `${new URL(u).pathname.split('/').pop()} ${kb(b)}`);
        runs.push({
          chapter: sum((u) => !isPagefind(u)),
          pagefind: sum(isPagefind),
          scripts: before.size,
          ready,
          editorBytes,
          editorFiles,
          coreBytes,
        });
        if (errors.length) problems.push(`monaco: ${errors.join('; ')}`);
      } catch (error) {
        problems.push(`monaco: ${error.message.split('\n')[0]}`);
      } finally {
        await context.close();
      }
    }
    if (runs.length) {
      const med = (k) =>
        quantile(
          runs.map((r) => r[k]),
          0.5,
        );
      report.js = {
        chapter: med('chapter'),
        pagefind: med('pagefind'),
        scripts: med('scripts'),
        core: med('coreBytes'),
      };
      report.monaco = {
        bytes: med('editorBytes'),
        files: runs[0].editorFiles,
        ready: med('ready'),
        readyAll: runs.map((r) => Math.round(r.ready)),
      };
    }
  }
} catch (error) {
  problems.push(error.message);
} finally {
  await browser?.close().catch(() => {});
  preview?.stop();
}

// ---------------------------------------------------------------- the table
const out = [];
out.push('');
out.push(
  `DVR Lab site bench — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
if (report.build) {
  const b = report.build;
  out.push('');
  out.push('Clean build (astro build into its own folder)');
  out.push(
    `  wall time ${b.wall.toFixed(1)} s · peak RSS ${mb(b.maxRss)} (largest process, /usr/bin/time) · peak RSS of the process tree ${mb(b.peakTree)} (polled /proc) · ${b.pages} pages`,
  );
}
out.push('');
out.push(
  'Form edit: input event → painted frame (ms, User Timing in Chromium: dvr:edit-to-frame, no pause for form edits),',
);
out.push('its parts from dvr:simulate:start, and the longest main-thread task during the edits (Long Tasks API)');
const head = [
  'scenario',
  'n',
  'input→frame med',
  'p90',
  'goal p90',
  'longest task',
  'simulate',
  'trace',
  'diagram',
  '1st edit',
  '',
];
const table = rows.map((r) => [
  r.name,
  String(r.n),
  ms(r.input),
  ms(r.inputP90),
  `${r.goal}`,
  r.longTasks ? `${ms(r.longestTask)} (${r.longTasks}×)` : '< 50',
  ms(r.simulate),
  ms(r.trace),
  ms(r.diagram),
  ms(r.first),
  r.inputP90 <= r.goal && r.longestTask <= GOALS.task ? 'met' : 'MISSED',
]);
const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const line = (cells) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`;
out.push(line(head));
for (const t of table) out.push(line(t));
out.push(
  `  (goals: p90 ≤ ${GOALS.example} ms on chapters, ≤ ${GOALS.large} ms on 200 hosts, no task over ${GOALS.task} ms; "longest task" lists`,
);
out.push(
  '   only tasks of 50 ms or more, which is all the Long Tasks API reports; "1st edit" loads the simulator and d3)',
);
out.push(
  `  200-host share link, first draw from navigation: ${ms(report.firstDraw)} ms (goal < ${GOALS.firstDraw} ms) ${report.firstDraw < GOALS.firstDraw ? 'met' : 'MISSED'}`,
);
for (const r of rows) if (r.note) out.push(`  ${r.name}: ${r.note}`);
if (report.js) {
  out.push('');
  out.push('JavaScript before interaction, SNAT chapter (gzip)');
  out.push(
    `  chapter ${kb(report.js.chapter)} (${report.js.scripts} files with Pagefind's) + Pagefind search UI ${kb(report.js.pagefind)} (loaded on idle) = ${kb(report.js.chapter + report.js.pagefind)}`,
  );
  out.push(`  then the simulator, on the first pointer or focus in the sandbox: ${kb(report.js.core)}`);
}
if (report.monaco) {
  out.push('');
  out.push('Monaco (click "Open the full editor" on the SNAT chapter; median of 3 fresh loads)');
  out.push(
    `  JS fetched after the click ${kb(report.monaco.bytes)} gzip (workers included) · time to a visible .monaco-editor ${ms(report.monaco.ready)} ms (runs: ${report.monaco.readyAll.join(', ')} ms)`,
  );
  out.push(`  files: ${report.monaco.files.join(', ')}`);
}
if (problems.length) {
  out.push('');
  out.push('Problems (the bench fails):');
  for (const p of problems) out.push(`  - ${p}`);
}
console.log(out.join('\n'));
mkdirSync(join(ROOT, 'tmp/bench-site'), { recursive: true });
writeFileSync(join(ROOT, 'tmp/bench-site/last.txt'), out.join('\n') + '\n');
process.exit(problems.length ? 1 : 0);
