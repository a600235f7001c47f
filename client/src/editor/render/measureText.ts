import { fontOf, LINE_HEIGHT, textLines } from './drawShape';

let context: CanvasRenderingContext2D | null | undefined;

/**
 * The box a text shape needs: its widest line by its number of lines, as the canvas draws them.
 * Without a canvas (tests in jsdom) an estimate stands in.
 */
export function measureText(text: string, fontSize: number): { width: number; height: number } {
  const lines = textLines(text);
  context ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  let width = 0;
  for (const line of lines) {
    let lineWidth = line.length * fontSize * 0.6;
    if (context) {
      context.font = fontOf(fontSize);
      lineWidth = context.measureText(line).width;
    }
    width = Math.max(width, lineWidth);
  }
  return { width: Math.ceil(width), height: Math.ceil(lines.length * fontSize * LINE_HEIGHT) };
}
