/** How text is set, shared by the canvas, the text editor, measuring and SVG export. */

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const LINE_HEIGHT = 1.25;

export const fontOf = (fontSize: number): string => `${fontSize}px ${FONT_FAMILY}`;

export const textLines = (text: string): string[] => text.split('\n');

let context: CanvasRenderingContext2D | null | undefined;

function measuringContext(): CanvasRenderingContext2D | null {
  context ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  return context;
}

/**
 * The box a text shape needs: its widest line by its number of lines, as the canvas draws them.
 * Without a canvas (tests in jsdom) an estimate stands in.
 */
export function measureText(text: string, fontSize: number): { width: number; height: number } {
  const ctx = measuringContext();
  const lines = textLines(text);
  let width = 0;
  for (const line of lines) {
    let lineWidth = line.length * fontSize * 0.6;
    if (ctx) {
      ctx.font = fontOf(fontSize);
      lineWidth = ctx.measureText(line).width;
    }
    width = Math.max(width, lineWidth);
  }
  return { width: Math.ceil(width), height: Math.ceil(lines.length * fontSize * LINE_HEIGHT) };
}

let baselineRatio: number | null = null;

/**
 * How far below the top of a line its alphabetic baseline sits, in font sizes: where CSS puts it
 * in a line box of LINE_HEIGHT (the font's ascent and descent centred in the line). Drawing at
 * this baseline keeps text from jumping when the text editor closes. Measured once: font
 * metrics scale with the size.
 */
export function baselineOffset(fontSize: number): number {
  if (baselineRatio === null) {
    const ctx = measuringContext();
    let ascent = 0.9;
    let descent = 0.22;
    if (ctx) {
      ctx.font = fontOf(100);
      const metrics = ctx.measureText('Hg');
      if (metrics.fontBoundingBoxAscent > 0) ascent = metrics.fontBoundingBoxAscent / 100;
      if (metrics.fontBoundingBoxDescent > 0) descent = metrics.fontBoundingBoxDescent / 100;
    }
    baselineRatio = (LINE_HEIGHT - (ascent + descent)) / 2 + ascent;
  }
  return baselineRatio * fontSize;
}
