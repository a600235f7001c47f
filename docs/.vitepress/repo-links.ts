/**
 * Links from a page to files of the repository outside docs/ (`../.env.example`, `../postman/`):
 * the site does not serve those, and VitePress's dead-link check skips or misreads them. This
 * markdown-it rule checks that the target exists (a missing one fails the build, like a dead
 * page link) and points the link at the repository when DOCS_REPO_URL is set, or renders the
 * text without a link otherwise.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { MarkdownRenderer as MarkdownIt } from 'vitepress';

type Token = ReturnType<MarkdownIt['parse']>[number];

export function repoLinks(md: MarkdownIt, options: { docsDir: string; repoUrl?: string | undefined }): void {
  const repoRoot = resolve(options.docsDir, '..');
  md.core.ruler.push('easel_repo_links', (state) => {
    const file = (state.env as { path?: string }).path;
    if (!file) return;
    for (const block of state.tokens) rewrite(block.children ?? [], file);
  });

  function rewrite(tokens: Token[], file: string): void {
    for (const [index, token] of tokens.entries()) {
      if (token.type !== 'link_open') continue;
      const href = token.attrGet('href') ?? '';
      if (/^[a-z][a-z0-9+.-]*:|^#|^\//i.test(href)) continue;
      const target = resolve(dirname(file), href.replace(/[?#].*$/, ''));
      const fromDocs = relative(options.docsDir, target);
      if (!fromDocs.startsWith('..')) continue;
      const inRepo = relative(repoRoot, target);
      if (inRepo.startsWith('..') || !existsSync(target)) {
        throw new Error(`${relative(repoRoot, file)}: dead link to ${href} (no such file in the repository)`);
      }
      if (options.repoUrl) {
        token.attrSet('href', `${options.repoUrl.replace(/\/$/, '')}/${inRepo}`);
        token.attrSet('target', '_blank');
        continue;
      }
      const close = tokens.slice(index).find((t) => t.type === 'link_close');
      token.type = 'html_inline';
      token.content = `<span class="repo-file" title="${inRepo} in the repository">`;
      if (close) {
        close.type = 'html_inline';
        close.content = '</span>';
      }
    }
  }
}
