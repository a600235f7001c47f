import { useCallback } from 'react';
import { Layer, Stage } from './konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import { useAppDispatch, useAppSelector } from '../hooks';
import { selectSelectedShapeId, selectShapes, selectTool, shapeAdded, shapeMoved, shapeSelected } from './editorSlice';
import { createShapeCenteredAt, type Point } from './shapes';
import { ShapeNode } from './ShapeNode';

export interface CanvasProps {
  width: number;
  height: number;
}

/** The drawing surface: renders the shapes the store holds and turns gestures into actions. */
export function Canvas({ width, height }: CanvasProps) {
  const shapes = useAppSelector(selectShapes);
  const tool = useAppSelector(selectTool);
  const selectedId = useAppSelector(selectSelectedShapeId);
  const dispatch = useAppDispatch();

  const selectShape = useCallback((id: string) => dispatch(shapeSelected(id)), [dispatch]);
  const moveShape = useCallback((id: string, to: Point) => dispatch(shapeMoved(id, to)), [dispatch]);

  // `pointerclick` fires once per click or tap, and not at the end of a drag.
  const addShapeOnEmptyClick = (event: KonvaEventObject<PointerEvent>) => {
    const stage = event.target.getStage();
    if (!stage || event.target !== stage) return;
    // Relative to the stage's own transform, so it stays right once panning and zoom arrive.
    const point = stage.getRelativePointerPosition();
    if (!point) return;
    dispatch(shapeAdded(createShapeCenteredAt(tool, point)));
  };

  return (
    <Stage width={width} height={height} onPointerClick={addShapeOnEmptyClick}>
      <Layer>
        {shapes.map((shape) => (
          <ShapeNode
            key={shape.id}
            shape={shape}
            isSelected={shape.id === selectedId}
            onSelect={selectShape}
            onMove={moveShape}
          />
        ))}
      </Layer>
    </Stage>
  );
}
