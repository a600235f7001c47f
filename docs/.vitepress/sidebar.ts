/**
 * The docs sidebar, built from the Markdown files in docs/ at build time: a page added by anyone
 * appears without a config change. Known pages get a group and a place; any other page lands in
 * "More", by title. A page's title is its first `# ` heading.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SidebarItem {
  text: string;
  link: string;
}

export interface SidebarGroup {
  text: string;
  items: SidebarItem[];
}

/** Groups in reading order; within a group, pages in the order listed here. */
export const SIDEBAR_ORDER: ReadonlyArray<readonly [group: string, pages: readonly string[]]> = [
  ['Start here', ['getting-started', 'make-it-yours', 'architecture']],
  ['Security', ['tokens', 'service-clients', 'hmac-signing', 'security-model', 'security', 'mfa', 'oidc', 'recovery']],
  ['Reference', ['api', 'errors', 'configuration', 'database', 'queries']],
  ['Features', ['drawings', 'webhooks', 'client', 'editor']],
  ['Run it', ['deployment', 'operations', 'benchmarks']],
];

/** Files in docs/ that are not sidebar pages: the home page is README.md (served as /). */
const NOT_IN_SIDEBAR = new Set(['README', 'index']);

export function pageTitle(markdown: string, fallback: string): string {
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(markdown);
  return heading?.[1] ?? fallback;
}

export function buildSidebar(docsDir: string): SidebarGroup[] {
  const pages = readdirSync(docsDir)
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.slice(0, -3))
    .filter((name) => !NOT_IN_SIDEBAR.has(name));
  const item = (name: string): SidebarItem => ({
    text: pageTitle(readFileSync(join(docsDir, `${name}.md`), 'utf8'), name),
    link: `/${name}`,
  });
  const placed = new Set<string>();
  const groups: SidebarGroup[] = [];
  for (const [text, order] of SIDEBAR_ORDER) {
    const present = order.filter((name) => pages.includes(name));
    present.forEach((name) => placed.add(name));
    if (present.length > 0) groups.push({ text, items: present.map(item) });
  }
  const rest = pages
    .filter((name) => !placed.has(name))
    .map(item)
    .sort((a, b) => a.text.localeCompare(b.text));
  if (rest.length > 0) groups.push({ text: 'More', items: rest });
  return groups;
}
