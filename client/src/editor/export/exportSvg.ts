import { arrowHeadWings } from '../geometry';
import { isFilled } from '../hitTest';
import { baselineOffset, FONT_FAMILY, LINE_HEIGHT, textLines } from '../render/text';
import type { PathShape, Shape, TextShape } from '../shapes';
import { EXPORT_BACKGROUND, exportArea } from './exportImage';

/** The same drawing as the canvas draws it (render/drawShape.ts), as SVG markup. */

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);

const paint = (colour: string) => (colour === 'transparent' || colour === 'none' ? 'none' : colour);

function strokeAttributes(shape: Shape): string {
  return `stroke="${paint(shape.stroke)}" stroke-width="${shape.strokeWidth}"`;
}

function pathData(points: readonly number[], smooth: boolean): string {
  const pairs: string[] = [`M${points[0]} ${points[1]}`];
  const count = points.length / 2;
  if (!smooth || count < 3) {
    for (let i = 2; i < points.length; i += 2) pairs.push(`L${points[i]} ${points[i + 1]}`);
    return pairs.join(' ');
  }
  for (let i = 1; i < count - 1; i += 1) {
    const x = points[i * 2]!;
    const y = points[i * 2 + 1]!;
    pairs.push(`Q${x} ${y} ${(x + points[i * 2 + 2]!) / 2} ${(y + points[i * 2 + 3]!) / 2}`);
  }
  pairs.push(`L${points[points.length - 2]} ${points[points.length - 1]}`);
  return pairs.join(' ');
}

function pathMarkup(shape: PathShape): string {
  const { points } = shape;
  if (points.length === 2) {
    return `<circle cx="${points[0]}" cy="${points[1]}" r="${shape.strokeWidth / 2}" fill="${paint(shape.stroke)}"/>`;
  }
  let d = pathData(points, shape.type === 'pen');
  const wings = shape.type === 'arrow' ? arrowHeadWings(shape) : null;
  if (wings) {
    const tip = `${points[points.length - 2]} ${points[points.length - 1]}`;
    d += ` M${wings[0].x} ${wings[0].y} L${tip} L${wings[1].x} ${wings[1].y}`;
  }
  return `<path d="${d}" fill="none" ${strokeAttributes(shape)} stroke-linecap="round" stroke-linejoin="round"/>`;
}

function textMarkup(shape: TextShape): string {
  const background = isFilled(shape)
    ? `<rect width="${shape.width}" height="${shape.height}" fill="${shape.fill}"/>`
    : '';
  const lineHeight = shape.fontSize * LINE_HEIGHT;
  const baseline = baselineOffset(shape.fontSize);
  const lines = textLines(shape.text)
    .map((line, i) => `<tspan x="0" y="${i * lineHeight + baseline}">${escapeXml(line)}</tspan>`)
    .join('');
  const font = `font-family="${escapeXml(FONT_FAMILY)}" font-size="${shape.fontSize}"`;
  return `${background}<text ${font} fill="${paint(shape.stroke)}" xml:space="preserve">${lines}</text>`;
}

function shapeMarkup(shape: Shape): string {
  const fill = isFilled(shape) ? shape.fill : 'none';
  switch (shape.type) {
    case 'rect':
      return `<rect width="${shape.width}" height="${shape.height}" fill="${fill}" ${strokeAttributes(shape)}/>`;
    case 'ellipse': {
      const rx = shape.width / 2;
      const ry = shape.height / 2;
      return `<ellipse cx="${rx}" cy="${ry}" rx="${rx}" ry="${ry}" fill="${fill}" ${strokeAttributes(shape)}/>`;
    }
    case 'text':
      return textMarkup(shape);
    default:
      return pathMarkup(shape);
  }
}

/** A standalone SVG document of the drawing, the same size as the PNG export. */
export function drawingAsSvg(shapes: readonly Shape[]): string {
  const area = exportArea(shapes);
  const body = shapes
    .map((shape) => {
      const transform = `translate(${shape.x} ${shape.y})${shape.rotation ? ` rotate(${shape.rotation})` : ''}`;
      return `<g transform="${transform}" opacity="${shape.opacity}">${shapeMarkup(shape)}</g>`;
    })
    .join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${area.width}" height="${area.height}" viewBox="${area.x} ${area.y} ${area.width} ${area.height}">`,
    `<rect x="${area.x}" y="${area.y}" width="${area.width}" height="${area.height}" fill="${EXPORT_BACKGROUND}"/>`,
    body,
    '</svg>',
  ].join('\n');
}
