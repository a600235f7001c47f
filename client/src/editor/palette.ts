/** A colour the style panel offers, with the name its button and tooltip give it. */
export interface Swatch {
  value: string;
  name: string;
}

/**
 * The hues after black and "no fill", one column of the panel each. They are Open Color hues, as
 * in Excalidraw: shade 8 strokes and shade 2 fills, so a shape's fill is the light tone of its
 * stroke (yellow's shade 8 reads as orange).
 */
const HUES: { stroke: Swatch; fill: Swatch }[] = [
  { stroke: { value: '#e03131', name: 'Red' }, fill: { value: '#ffc9c9', name: 'Light red' } },
  { stroke: { value: '#2f9e44', name: 'Green' }, fill: { value: '#b2f2bb', name: 'Light green' } },
  { stroke: { value: '#1971c2', name: 'Blue' }, fill: { value: '#a5d8ff', name: 'Light blue' } },
  { stroke: { value: '#f08c00', name: 'Orange' }, fill: { value: '#ffec99', name: 'Light yellow' } },
];

export const STROKE_SWATCHES: Swatch[] = [{ value: '#1e1e1e', name: 'Black' }, ...HUES.map((hue) => hue.stroke)];
export const FILL_SWATCHES: Swatch[] = [{ value: 'none', name: 'No fill' }, ...HUES.map((hue) => hue.fill)];
