// Konva's core plus only the shape classes Easel draws. Plain `react-konva` pulls in every Konva
// shape and filter, which nearly doubles the bundle.
import 'konva/lib/shapes/Ellipse';
import 'konva/lib/shapes/Rect';

export { Ellipse, Layer, Rect, Stage } from 'react-konva/lib/ReactKonvaCore';
