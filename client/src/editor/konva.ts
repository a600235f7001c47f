// Konva's core plus only what Easel uses: the scene and the live copies are custom shapes drawn
// with Canvas 2D (render/drawShape.ts), and the Transformer. Plain `react-konva` pulls in every
// Konva shape and filter, which nearly doubles the bundle.
import 'konva/lib/shapes/Transformer';

export { Layer, Shape, Stage, Transformer } from 'react-konva/lib/ReactKonvaCore';
