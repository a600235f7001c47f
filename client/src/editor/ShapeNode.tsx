import { memo } from 'react';
import { Ellipse, Rect } from './konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import type { Point, Shape } from './shapes';

const SELECTION_STROKE = '#e8590c';

export interface ShapeNodeProps {
  shape: Shape;
  isSelected: boolean;
  onSelect: (id: string) => void;
  onMove: (id: string, to: Point) => void;
}

/**
 * Draws one shape. Konva moves the node itself while dragging; the store only hears about the
 * final position on `dragend`, so a drag is one action and one re-render, not one per mouse move.
 */
function ShapeNodeView({ shape, isSelected, onSelect, onMove }: ShapeNodeProps) {
  const common = {
    id: shape.id,
    name: 'shape',
    x: shape.x,
    y: shape.y,
    rotation: shape.rotation,
    fill: shape.fill,
    stroke: isSelected ? SELECTION_STROKE : shape.stroke,
    strokeWidth: isSelected ? shape.strokeWidth + 1 : shape.strokeWidth,
    draggable: true,
    onPointerDown: () => onSelect(shape.id),
    onDragEnd: (event: KonvaEventObject<DragEvent>) => onMove(shape.id, event.target.position()),
  };
  if (shape.type === 'ellipse') {
    const radiusX = shape.width / 2;
    const radiusY = shape.height / 2;
    // Konva draws an ellipse around (x, y); the negative offset puts (x, y) at the top-left corner
    // like a rect, so the node's position is the shape's stored position for every type.
    return <Ellipse {...common} radiusX={radiusX} radiusY={radiusY} offsetX={-radiusX} offsetY={-radiusY} />;
  }
  return <Rect {...common} width={shape.width} height={shape.height} />;
}

export const ShapeNode = memo(ShapeNodeView);
