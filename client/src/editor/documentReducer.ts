import type { DocumentAction } from './editorActions';
import { addShapes, deleteShapes, limitProblem, reorderShapes, updateShapes } from './shapeList';
import type { Shape, ShapeStyle } from './shapes';
import { applyTransform } from './transform';

/** What a command did to the shapes, and why nothing happened if it was refused. */
export interface DocumentChange {
  shapes: Shape[];
  refusal: string | null;
}

const unchanged = (shapes: Shape[], refusal: string | null = null): DocumentChange => ({ shapes, refusal });

/** Style fields that apply to a shape of this type; text scales its box with its font. */
function styled(shape: Shape, style: Partial<ShapeStyle>): Shape {
  const { fontSize, ...common } = style;
  const next = { ...shape, ...common };
  if (next.type !== 'text' || fontSize === undefined || fontSize === next.fontSize) return next;
  const factor = fontSize / next.fontSize;
  return { ...next, fontSize, width: next.width * factor, height: next.height * factor };
}

function addChecked(shapes: Shape[], added: readonly Shape[]): DocumentChange {
  const next = addShapes(shapes, added);
  const problem = next === shapes ? null : limitProblem(next);
  return problem ? unchanged(shapes, problem) : unchanged(next);
}

/**
 * The document's commands, applied to its shape list. Returns the same array when nothing
 * changed (so history records only real changes), or a refusal when a limit would be broken.
 * Undo, redo and loading are handled a level up, where the history lives.
 */
export function reduceShapes(shapes: Shape[], action: DocumentAction): DocumentChange {
  switch (action.type) {
    case 'editor/shapesAdded':
      return addChecked(shapes, action.payload.shapes);
    case 'editor/shapesMoved': {
      const { ids, dx, dy } = action.payload;
      return unchanged(updateShapes(shapes, ids, (shape) => ({ ...shape, x: shape.x + dx, y: shape.y + dy })));
    }
    case 'editor/shapesTransformed': {
      const byId = new Map(action.payload.map((transform) => [transform.id, transform]));
      return unchanged(updateShapes(shapes, byId.keys(), (shape) => applyTransform(shape, byId.get(shape.id)!)));
    }
    case 'editor/styleApplied':
      return unchanged(updateShapes(shapes, action.payload.ids, (shape) => styled(shape, action.payload.style)));
    case 'editor/textEdited': {
      const { id, text, width, height } = action.payload;
      if (text.trim() === '') return unchanged(deleteShapes(shapes, [id]));
      return unchanged(
        updateShapes(shapes, [id], (shape) => (shape.type === 'text' ? { ...shape, text, width, height } : shape)),
      );
    }
    case 'editor/shapesDeleted':
      return unchanged(deleteShapes(shapes, action.payload));
    case 'editor/shapesReordered':
      return unchanged(reorderShapes(shapes, action.payload.ids, action.payload.direction));
    default:
      return unchanged(shapes);
  }
}
