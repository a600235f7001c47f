import type { UnknownAction } from 'redux';
import type { RootState } from '../store';
import { MAX_SHAPES, type Point, type Shape, type ShapeType } from './shapes';

export interface EditorState {
  /** Document state: what a saved drawing holds, in z-order (last is on top). */
  shapes: Shape[];
  /** Counts document changes since the last load; savers compare it to know what is unsaved. */
  revision: number;
  /** UI only: the tool a click on empty canvas uses. */
  tool: ShapeType;
  /** UI only: the selected shape, if any. */
  selectedId: string | null;
}

export const initialEditorState: EditorState = {
  shapes: [],
  revision: 0,
  tool: 'rect',
  selectedId: null,
};

type ShapeAddedAction = { type: 'editor/shapeAdded'; payload: Shape };
type ShapeMovedAction = { type: 'editor/shapeMoved'; payload: { id: string } & Point };
type ToolSelectedAction = { type: 'editor/toolSelected'; payload: ShapeType };
type ShapeSelectedAction = { type: 'editor/shapeSelected'; payload: string | null };
type DocumentLoadedAction = { type: 'editor/documentLoaded'; payload: Shape[] };

export type EditorAction =
  ShapeAddedAction | ShapeMovedAction | ToolSelectedAction | ShapeSelectedAction | DocumentLoadedAction;

// A Record over the union makes tsc insist that every new action type is listed here.
const editorActionTypes: Record<EditorAction['type'], true> = {
  'editor/shapeAdded': true,
  'editor/shapeMoved': true,
  'editor/toolSelected': true,
  'editor/shapeSelected': true,
  'editor/documentLoaded': true,
};

function isEditorAction(action: UnknownAction): action is EditorAction {
  return Object.hasOwn(editorActionTypes, action.type);
}

// Action creators

export const shapeAdded = (shape: Shape): ShapeAddedAction => ({ type: 'editor/shapeAdded', payload: shape });

export const shapeMoved = (id: string, to: Point): ShapeMovedAction => ({
  type: 'editor/shapeMoved',
  payload: { id, x: to.x, y: to.y },
});

export const toolSelected = (tool: ShapeType): ToolSelectedAction => ({ type: 'editor/toolSelected', payload: tool });

/** Pass `null` to clear the selection. */
export const shapeSelected = (id: string | null): ShapeSelectedAction => ({
  type: 'editor/shapeSelected',
  payload: id,
});

/** Replaces the document with a drawing's shapes (opening a drawing); the selection is cleared. */
export const documentLoaded = (shapes: Shape[]): DocumentLoadedAction => ({
  type: 'editor/documentLoaded',
  payload: shapes,
});

// Reducer

/** The one path that changes an existing shape; it bumps the shape's version. */
function updateShape(state: EditorState, id: string, patch: Partial<Omit<Shape, 'id' | 'version'>>): EditorState {
  const index = state.shapes.findIndex((shape) => shape.id === id);
  const current = state.shapes[index];
  if (!current) return state;
  const shapes = state.shapes.slice();
  shapes[index] = { ...current, ...patch, version: current.version + 1 };
  return { ...state, shapes, revision: state.revision + 1 };
}

function hasShape(state: EditorState, id: string): boolean {
  return state.shapes.some((shape) => shape.id === id);
}

function moveShape(state: EditorState, { id, x, y }: ShapeMovedAction['payload']): EditorState {
  const shape = state.shapes.find((candidate) => candidate.id === id);
  if (!shape || (shape.x === x && shape.y === y)) return state;
  return updateShape(state, id, { x, y });
}

export default function editorReducer(state: EditorState = initialEditorState, action: UnknownAction): EditorState {
  if (!isEditorAction(action)) return state;
  switch (action.type) {
    case 'editor/shapeAdded':
      // The server refuses a drawing with more shapes; so does the editor, before it is drawn.
      if (hasShape(state, action.payload.id) || state.shapes.length >= MAX_SHAPES) return state;
      return {
        ...state,
        shapes: [...state.shapes, action.payload],
        selectedId: action.payload.id,
        revision: state.revision + 1,
      };
    case 'editor/shapeMoved':
      return moveShape(state, action.payload);
    case 'editor/toolSelected':
      return state.tool === action.payload ? state : { ...state, tool: action.payload };
    case 'editor/shapeSelected':
      if (action.payload !== null && !hasShape(state, action.payload)) return state;
      return state.selectedId === action.payload ? state : { ...state, selectedId: action.payload };
    case 'editor/documentLoaded':
      return { ...state, shapes: action.payload, selectedId: null, revision: 0 };
    default: {
      const unhandled: never = action;
      return unhandled;
    }
  }
}

// Selectors

export const selectShapes = (state: RootState): Shape[] => state.editor.shapes;

/** Changes to the document since it was loaded; unchanged while only the UI state moves. */
export const selectDocumentRevision = (state: RootState): number => state.editor.revision;

export const selectTool = (state: RootState): ShapeType => state.editor.tool;

export const selectSelectedShapeId = (state: RootState): string | null => state.editor.selectedId;

export const selectShapeById = (state: RootState, id: string): Shape | undefined =>
  state.editor.shapes.find((shape) => shape.id === id);
