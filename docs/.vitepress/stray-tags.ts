/**
 * Prose such as "reference <request id>" or "<name>" is plain text on GitHub, but VitePress
 * compiles every page as a Vue template, where an unknown unclosed tag breaks the whole build.
 * Tags that are not HTML (or a VitePress component) are turned back into text.
 */
import type { MarkdownRenderer as MarkdownIt } from 'vitepress';

const KNOWN = new Set(
  (
    'a abbr b blockquote br caption code col colgroup dd del details div dl dt em figcaption figure ' +
    'h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q s samp section small source span ' +
    'strong sub summary sup svg path table tbody td tfoot th thead tr u ul var video audio iframe ' +
    'template script style badge clientonly'
  ).split(' '),
);

const TAG = /^<\/?([A-Za-z][\w-]*)/;

function isStray(html: string): boolean {
  if (html.startsWith('<!--')) return false;
  const name = TAG.exec(html)?.[1];
  return name !== undefined && !KNOWN.has(name.toLowerCase());
}

export function strayTags(md: MarkdownIt): void {
  md.core.ruler.push('easel_stray_tags', (state) => {
    for (const token of state.tokens) {
      // A line that starts with such a tag parses as an HTML block: make it a paragraph of text.
      if (token.type === 'html_block' && isStray(token.content.trim())) token.type = 'easel_text_block';
      for (const child of token.children ?? []) {
        if (child.type === 'html_inline' && isStray(child.content)) child.type = 'text';
      }
    }
  });
  md.renderer.rules.easel_text_block = (tokens, idx) => `<p>${md.utils.escapeHtml(tokens[idx]!.content.trim())}</p>\n`;
}

/**
 * Vue reads `{{ name }}` as an interpolation, so Postman's `{{baseUrl}}` in a code span or in
 * prose would render empty. Code spans and text holding `{{` are marked `v-pre` (fenced code
 * blocks already are).
 */
export function verbatimMustaches(md: MarkdownIt): void {
  const code = md.renderer.rules.code_inline!;
  md.renderer.rules.code_inline = (tokens, idx, options, env, self) =>
    code(tokens, idx, options, env, self).replace(/^<code/, '<code v-pre');
  const text = md.renderer.rules.text!;
  md.renderer.rules.text = (tokens, idx, options, env, self) => {
    const html = text(tokens, idx, options, env, self);
    return tokens[idx]!.content.includes('{{') ? `<span v-pre>${html}</span>` : html;
  };
}
