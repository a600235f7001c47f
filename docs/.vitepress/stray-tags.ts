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
      if (token.type === 'html_block' && isStray(token.content.trim())) {
        token.type = 'inline';
        token.children = [];
        const text = new state.Token('text', '', 0);
        text.content = token.content;
        token.children.push(text);
        token.type = 'paragraph_text';
        token.content = md.utils.escapeHtml(token.content);
      }
      for (const child of token.children ?? []) {
        if (child.type === 'html_inline' && isStray(child.content)) child.type = 'text';
      }
    }
  });
  md.renderer.rules.paragraph_text = (tokens, idx) => `<p>${tokens[idx]!.content}</p>\n`;
}
