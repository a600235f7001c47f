import { withMermaid } from 'vitepress-plugin-mermaid';
import { siteConfig } from './site.ts';

/**
 * `npm run docs:build` / `npm run docs:dev`: docs/ as a static site with local search and
 * ```mermaid diagrams, all bundled (no CDN at build or run time).
 */
export default withMermaid({ ...siteConfig, mermaid: { securityLevel: 'strict' } });
