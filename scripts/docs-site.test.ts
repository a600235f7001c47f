/**
 * `npm run docs:build` as CI runs it: the real docs/ must build (VitePress fails on a dead page
 * link), and a copy of the site with one broken link must not. Both builds run side by side.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSidebar } from '../docs/.vitepress/sidebar.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = join(ROOT, 'docs');
const VITEPRESS = join(ROOT, 'node_modules/.bin/vitepress');

interface Build {
  code: number;
  output: string;
  seconds: number;
}

function vitepressBuild(docsDir: string, outDir: string): Promise<Build> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      VITEPRESS,
      ['build', docsDir, '--outDir', outDir],
      {
        cwd: join(docsDir, '..'),
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, NODE_ENV: 'production', NO_COLOR: '1' },
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          // Plain text: under CI=true the build colours its messages.
          output: stripVTControlCharacters(`${stdout}\n${stderr}`),
          seconds: (Date.now() - started) / 1000,
        }),
    );
  });
}

/** A site with the real VitePress settings, a home page and one page linking to a page that is not there. */
async function siteWithBrokenLink(scratch: string): Promise<string> {
  const site = join(scratch, 'site');
  await mkdir(join(site, 'docs'), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(site, 'node_modules'), 'dir');
  await cp(join(DOCS, '.vitepress'), join(site, 'docs/.vitepress'), {
    recursive: true,
    filter: (source) => !/[/\\](dist|cache)$/.test(source),
  });
  // The real site settings without the diagrams, whose bundle is most of a build's time.
  await writeFile(
    join(site, 'docs/.vitepress/config.mts'),
    "import { siteConfig } from './site.ts';\nexport default siteConfig;\n",
  );
  // Prose with a tag-like placeholder, which would otherwise break the Vue compile of the page.
  await writeFile(
    join(site, 'docs/README.md'),
    '# Home\n\nSee [the guide](guide.md), reference <request id>.\n\n<name>\n\nabove: a placeholder alone on its line\n\n' +
      'Postman sends `{{baseUrl}}/api` and {{ plain }} text.\n',
  );
  await writeFile(join(site, 'docs/guide.md'), '# Guide\n\nRead [the missing page](no-such-page.md#intro) next.\n');
  return join(site, 'docs');
}

let scratch = '';
let real: Build;
let broken: Build;
let outDir = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'easel-docs-test-'));
  outDir = join(scratch, 'dist');
  const brokenDocs = await siteWithBrokenLink(scratch);
  [real, broken] = await Promise.all([
    vitepressBuild(DOCS, outDir),
    vitepressBuild(brokenDocs, join(scratch, 'broken-dist')),
  ]);
  console.log(`docs:build took ${real.seconds.toFixed(1)} s; the broken-link build ${broken.seconds.toFixed(1)} s`);
  // About 30 s of CPU for both builds; a shared 2-core machine under load stretches that to minutes.
}, 420_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('npm run docs:build', () => {
  it('builds docs/ into a static site with no dead link', () => {
    expect(real.output).not.toMatch(/dead link/i);
    expect(real.code, real.output).toBe(0);
  });

  it('fails on a link to a page that does not exist, naming it', () => {
    expect(broken.code).not.toBe(0);
    expect(broken.output).toMatch(/Found dead link \.?\/?no-such-page(\.md)?(#intro)? in file guide\.md/);
    // The only failure is the dead link: the placeholders compiled as text.
    expect(broken.output).not.toMatch(/missing end tag|vite:vue/i);
  });

  it('renders every page of docs/, with the README as the home page', async () => {
    const pages = (await readdir(DOCS)).filter((f) => f.endsWith('.md') && f !== 'README.md');
    const html = (await readdir(outDir)).filter((f) => f.endsWith('.html'));
    expect(html).toContain('index.html');
    expect(html).toEqual(expect.arrayContaining(pages.map((f) => f.replace(/\.md$/, '.html'))));
  });

  it('shows Postman variables such as {{baseUrl}} as written, not as Vue interpolations', async () => {
    const api = await readFile(join(outDir, 'api.html'), 'utf8');
    expect(api).toContain('{{baseUrl}}/api/webhooks/stripe');
  });

  it('puts every page in the sidebar', async () => {
    const pages = (await readdir(DOCS)).filter((f) => f.endsWith('.md') && f !== 'README.md');
    const linked = buildSidebar(DOCS).flatMap((group) => group.items.map((item) => item.link));
    expect(linked.sort()).toEqual(pages.map((f) => `/${f.replace(/\.md$/, '')}`).sort());
    const home = await readFile(join(outDir, 'index.html'), 'utf8');
    for (const link of linked) expect(home).toContain(`href="${link}"`);
  });

  it('ships a local search index and loads nothing from a CDN', async () => {
    const chunks = await readdir(join(outDir, 'assets/chunks'));
    expect(chunks.some((f) => f.startsWith('@localSearchIndex'))).toBe(true);
    const files = await readdir(outDir, { recursive: true });
    for (const file of files.filter((f) => /\.(html|js|css)$/.test(f))) {
      const text = await readFile(join(outDir, file), 'utf8');
      expect(text, file).not.toMatch(/https?:\/\/(cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|esm\.sh)/);
    }
  });

  it('turns ```mermaid fences into diagrams drawn by the bundled mermaid', async () => {
    const page = await readFile(join(outDir, 'tokens.html'), 'utf8');
    expect(page).toMatch(/class="mermaid"|id="mermaid-/);
    expect(page).not.toContain('```mermaid');
  });
});

describe('the sidebar', () => {
  it('places a page nobody listed under "More", by its title', async () => {
    const dir = join(scratch, 'sidebar');
    await mkdir(dir);
    await writeFile(join(dir, 'README.md'), '# Home\n');
    await writeFile(join(dir, 'getting-started.md'), '# Getting started\n');
    await writeFile(join(dir, 'zebra.md'), '---\nx: 1\n---\n\n# Zebra crossings\n');
    expect(buildSidebar(dir)).toEqual([
      { text: 'Start here', items: [{ text: 'Getting started', link: '/getting-started' }] },
      { text: 'More', items: [{ text: 'Zebra crossings', link: '/zebra' }] },
    ]);
  });
});
