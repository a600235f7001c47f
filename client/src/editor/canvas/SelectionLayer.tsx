import type Konva from 'konva/lib/Core';
import type { Transformer as KonvaTransformer } from 'konva/lib/shapes/Transformer';
import { useLayoutEffect, useRef, type RefObject } from 'react';
import { useAppDispatch, useAppSelector } from '../../hooks';
import { useAppStore } from '../useAppStore';
import { shapesTransformed } from '../editorActions';
import { selectEditingText, selectSelectedShapes, selectShapes, selectTool } from '../editorSelectors';
import { localBounds } from '../geometry';
import { Layer, Shape, Transformer } from '../konva';
import { drawShapeLocal } from '../render/drawShape';
import type { Shape as ShapeData } from '../shapes';
import { scaleShape } from '../transform';
import { PROXY_NAME, type CanvasRuntime } from './CanvasRuntime';

const ACCENT = '#4263eb';
const CORNERS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];
const ALL_ANCHORS = [...CORNERS, 'top-center', 'middle-left', 'middle-right', 'bottom-center'];
const ROTATION_SNAPS = [0, 45, 90, 135, 180, 225, 270, 315];

const shapeOf = (node: Konva.Node) => node.getAttr('easelShape') as ShapeData;

/**
 * A selected shape's live copy. It draws nothing while the shape is on the scene, so z-order
 * stays right; while lifted (a move or a transform in progress) it draws the shape as the
 * gesture leaves it, with the Transformer's scale baked in the way `transformend` will bake it.
 */
function drawProxy(context: Konva.Context, node: Konva.Shape): void {
  if (!node.getAttr('lifted')) return;
  const scaleX = node.scaleX();
  const scaleY = node.scaleY();
  if (scaleX === 0 || scaleY === 0) return;
  const ctx = context._context;
  ctx.scale(1 / scaleX, 1 / scaleY);
  drawShapeLocal(ctx, scaleShape(shapeOf(node), scaleX, scaleY));
}

/** Transformer maths divides by the box's size: a straight line's box gets some thickness. */
const MIN_EXTENT = 1;

/** The box the Transformer fits around a proxy: the shape's geometry in its own coordinates. */
function proxyRect(node: Konva.Shape) {
  const box = localBounds(shapeOf(node));
  const width = Math.max(box.width, MIN_EXTENT);
  const height = Math.max(box.height, MIN_EXTENT);
  return { x: box.x - (width - box.width) / 2, y: box.y - (height - box.height) / 2, width, height };
}

/** Which handles make sense: text keeps its proportions; a flat line only stretches along itself. */
function anchorsFor(shapes: ShapeData[]): string[] {
  if (shapes.some((shape) => shape.type === 'text')) return CORNERS;
  const [only] = shapes;
  if (shapes.length !== 1 || !only) return ALL_ANCHORS;
  const box = localBounds(only);
  if (box.height < MIN_EXTENT) return ['middle-left', 'middle-right'];
  if (box.width < MIN_EXTENT) return ['top-center', 'bottom-center'];
  return ALL_ANCHORS;
}

/** Transformer options for what is selected: rotated groups keep their proportions too. */
function transformerOptions(shapes: ShapeData[]) {
  const hasText = shapes.some((shape) => shape.type === 'text');
  const rotatedGroup = shapes.length > 1 && shapes.some((shape) => shape.rotation !== 0);
  return { keepRatio: hasText || rotatedGroup, enabledAnchors: anchorsFor(shapes) };
}

export interface SelectionLayerProps {
  layerRef: RefObject<Konva.Layer | null>;
  runtime: CanvasRuntime | null;
}

/** The selected shapes' live copies and the Transformer that moves, resizes and rotates them. */
export function SelectionLayer({ layerRef, runtime }: SelectionLayerProps) {
  const selected = useAppSelector(selectSelectedShapes);
  const tool = useAppSelector(selectTool);
  const editing = useAppSelector(selectEditingText);
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const transformerRef = useRef<KonvaTransformer>(null);
  const ids = selected.map((shape) => shape.id);

  useLayoutEffect(() => {
    const transformer = transformerRef.current;
    if (!transformer || !runtime) return;
    transformer.nodes(runtime.proxies(selected.map((shape) => shape.id)));
  }, [runtime, selected]);

  const onTransformStart = () => runtime?.lift(ids);

  const onTransformEnd = () => {
    if (!runtime) return;
    const nodes = runtime.proxies(ids);
    const transforms = nodes.map((node) => ({
      id: node.id(),
      x: node.x(),
      y: node.y(),
      rotation: node.rotation(),
      scaleX: node.scaleX(),
      scaleY: node.scaleY(),
    }));
    dispatch(shapesTransformed(transforms));
    // The node keeps what the Transformer set unless told: match it to the stored shape now.
    const byId = new Map(selectShapes(store.getState()).map((shape) => [shape.id, shape]));
    for (const node of nodes) {
      const shape = byId.get(node.id());
      if (shape) node.setAttrs({ x: shape.x, y: shape.y, rotation: shape.rotation, scaleX: 1, scaleY: 1 });
    }
    runtime.drop();
    transformerRef.current?.forceUpdate();
  };

  return (
    <Layer ref={layerRef} visible={selected.length > 0}>
      {selected.map((shape) => (
        <Shape
          key={shape.id}
          id={shape.id}
          name={PROXY_NAME}
          x={shape.x}
          y={shape.y}
          rotation={shape.rotation}
          easelShape={shape}
          listening={false}
          sceneFunc={drawProxy}
          selfRectFunc={proxyRect}
        />
      ))}
      <Transformer
        ref={transformerRef}
        visible={selected.length > 0 && tool === 'select' && !editing}
        {...transformerOptions(selected)}
        flipEnabled={false}
        ignoreStroke
        padding={4}
        anchorSize={9}
        anchorCornerRadius={2}
        anchorStroke={ACCENT}
        anchorFill="#ffffff"
        borderStroke={ACCENT}
        rotateAnchorOffset={22}
        rotationSnaps={ROTATION_SNAPS}
        onTransformStart={onTransformStart}
        onTransformEnd={onTransformEnd}
      />
    </Layer>
  );
}
