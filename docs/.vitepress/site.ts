import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';
import { repoLinks } from './repo-links.ts';
import { buildSidebar } from './sidebar.ts';
import { strayTags, verbatimMustaches } from './stray-tags.ts';

const docsDir = fileURLToPath(new URL('..', import.meta.url));

/** The site without diagrams (config.mts adds mermaid): what the dead-link test builds fast. */
export const siteConfig = defineConfig({
  title: 'Easel',
  description: 'A TypeScript starter: Express 5 API on Prisma + PostgreSQL, and a React/Redux/Konva canvas app',
  // README.md stays the folder's index on GitHub and is the site's home page.
  rewrites: { 'README.md': 'index.md' },
  cleanUrls: true,
  // A link to a page that does not exist fails the build (scripts/docs-site.test.ts proves it).
  // Only links to a local dev server (http://localhost:5173) are exempt: they are meant to be
  // opened while `npm run dev` runs, not served by the site.
  ignoreDeadLinks: 'localhostLinks',
  markdown: {
    config: (md) => {
      strayTags(md);
      verbatimMustaches(md);
      repoLinks(md, { docsDir, repoUrl: process.env.DOCS_REPO_URL });
    },
  },
  themeConfig: {
    sidebar: buildSidebar(docsDir),
    search: { provider: 'local' },
    outline: [2, 3],
  },
});
