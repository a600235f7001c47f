import { describe, expect, it } from 'vitest';
import { DrawingShape, DrawingShapes } from '../contract';
import editorReducer, { shapeAdded, shapeMoved } from './editorSlice';
import { createShape, createShapeCenteredAt, MAX_SHAPES, SHAPE_TYPES } from './shapes';

describe('shapes made by the editor', () => {
  it.each(SHAPE_TYPES)('are accepted by the server schema as they are (%s)', (type) => {
    const shape = createShapeCenteredAt(type, { x: 300, y: 200 });
    expect(DrawingShape.parse(shape)).toEqual(shape);
  });

  it('stay valid after a move, and a whole canvas validates as a drawing', () => {
    let state = editorReducer(undefined, shapeAdded(createShape('rect')));
    const id = state.shapes[0]?.id ?? '';
    state = editorReducer(state, shapeMoved(id, { x: -50.5, y: 1234.25 }));
    state = editorReducer(state, shapeAdded(createShape('ellipse')));
    expect(DrawingShapes.safeParse(state.shapes).success).toBe(true);
  });

  it('stops at the server’s shape limit', () => {
    let state = editorReducer(undefined, { type: '@@init' });
    for (let i = 0; i <= MAX_SHAPES; i += 1) state = editorReducer(state, shapeAdded(createShape('rect')));
    expect(state.shapes).toHaveLength(MAX_SHAPES);
    expect(DrawingShapes.safeParse(state.shapes).success).toBe(true);
  });
});
