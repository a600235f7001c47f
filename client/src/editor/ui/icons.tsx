import { createElement, type SVGProps } from 'react';

/** One element of an icon, drawn in the 24x24 box: its SVG tag and attributes. */
type IconPart = ['path' | 'rect' | 'ellipse' | 'circle', SVGProps<SVGElement>];

const path = (d: string): IconPart => ['path', { d }];

/** The layer a reorder command moves, shaded to tell it from the one it passes. */
const shaded = { fill: 'currentColor', fillOpacity: '0.25' };

/** Every icon the editor shows, by name; the tools' icons are named after their tool. */
const ICONS = {
  select: [path('M6 3.5l12 7.2-5.4 1.3 3.1 5.9-2.3 1.2-3.1-5.9L6 17.2z')],
  rect: [['rect', { x: '4', y: '6', width: '16', height: '12', rx: '1.5' }]],
  ellipse: [['ellipse', { cx: '12', cy: '12', rx: '8.5', ry: '6.5' }]],
  line: [path('M5 19L19 5')],
  arrow: [path('M5 19L19 5M10 5h9v9')],
  pen: [path('M4 20l1.2-4.6L16.4 4.2a2 2 0 012.8 0l.6.6a2 2 0 010 2.8L8.6 18.8zM14.5 6l3.5 3.5')],
  text: [path('M5 6V4.5h14V6M12 4.5v15M9 19.5h6')],
  undo: [path('M9 14L4 9l5-5'), path('M4 9h10.5a5.5 5.5 0 010 11H11')],
  redo: [path('M15 14l5-5-5-5'), path('M20 9H9.5a5.5 5.5 0 000 11H13')],
  trash: [path('M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 002 2h6a2 2 0 002-2l1-12M9 7V4h6v3')],
  duplicate: [
    ['rect', { x: '8', y: '8', width: '12', height: '12', rx: '2' }],
    path('M16 8V6a2 2 0 00-2-2H6a2 2 0 00-2 2v8a2 2 0 002 2h2'),
  ],
  forward: [
    ['rect', { x: '9', y: '3.5', width: '11', height: '11', rx: '1.5', ...shaded }],
    path('M15 17.5v1a2 2 0 01-2 2H5.5a2 2 0 01-2-2V11a2 2 0 012-2h1'),
  ],
  backward: [
    ['rect', { x: '3.5', y: '9.5', width: '11', height: '11', rx: '1.5', ...shaded }],
    path('M9 6.5v-1a2 2 0 012-2h7.5a2 2 0 012 2V13a2 2 0 01-2 2h-1'),
  ],
  minus: [path('M6 12h12')],
  plus: [path('M12 6v12M6 12h12')],
  fit: [
    path(
      'M4 9V5.5A1.5 1.5 0 015.5 4H9M15 4h3.5A1.5 1.5 0 0120 5.5V9M20 15v3.5a1.5 1.5 0 01-1.5 1.5H15M9 20H5.5A1.5 1.5 0 014 18.5V15',
    ),
    ['rect', { x: '8.5', y: '8.5', width: '7', height: '7', rx: '1' }],
  ],
  download: [path('M12 4v11M7 10.5l5 5 5-5M5 19.5h14')],
  help: [
    ['circle', { cx: '12', cy: '12', r: '8.5' }],
    path('M9.6 9.5a2.5 2.5 0 014.8 1c0 1.7-2.4 2.2-2.4 3.6M12 17.2v.1'),
  ],
  close: [path('M6 6l12 12M18 6L6 18')],
} satisfies Record<string, IconPart[]>;

export type IconName = keyof typeof ICONS;

/** An inline SVG icon (24x24, stroked with the text colour): no icon font, no request. */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className="ed-icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {ICONS[name].map(([tag, attributes], index) => createElement(tag, { key: index, ...attributes }))}
    </svg>
  );
}
