import type Konva from 'konva/lib/Core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useAppDispatch, useAppSelector } from '../hooks';
import { CanvasRuntime } from './canvas/CanvasRuntime';
import { attachPointerController } from './canvas/pointerController';
import { SelectionLayer } from './canvas/SelectionLayer';
import { viewportChanged } from './editorActions';
import { selectShapes, selectTool, selectViewport } from './editorSelectors';
import { Layer, Shape, Stage } from './konva';
import { SceneRenderer } from './render/SceneRenderer';
import { useAppStore } from './useAppStore';

export interface CanvasProps {
  width: number;
  height: number;
  /** Hands the runtime to what lives outside the stage (the text editor). */
  onRuntime?: (runtime: CanvasRuntime | null) => void;
}

/**
 * The drawing surface. Three layers: the scene (every shape, drawn by the SceneRenderer, never
 * listening), the selection (live copies and the Transformer) and an overlay (the shape being
 * drawn, the marquee). Gestures update the layers directly and dispatch when they end.
 */
export function Canvas({ width, height, onRuntime }: CanvasProps) {
  const store = useAppStore();
  const dispatch = useAppDispatch();
  const tool = useAppSelector(selectTool);
  const viewport = useAppSelector(selectViewport);
  const [renderer] = useState(() => new SceneRenderer());
  const [runtime, setRuntime] = useState<CanvasRuntime | null>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const sceneRef = useRef<Konva.Layer>(null);
  const selectionRef = useRef<Konva.Layer>(null);
  const overlayRef = useRef<Konva.Layer>(null);
  const cursorRef = useRef<() => void>(() => {});

  useLayoutEffect(() => {
    const stage = stageRef.current;
    const [scene, selection, overlay] = [sceneRef.current, selectionRef.current, overlayRef.current];
    if (!stage || !scene || !selection || !overlay) return;
    const created = new CanvasRuntime(stage, { scene, selection, overlay }, renderer);
    setRuntime(created);
    onRuntime?.(created);
    const controller = attachPointerController({ runtime: created, dispatch, getState: store.getState });
    cursorRef.current = controller.refreshCursor;
    return () => {
      controller.detach();
      created.destroy();
      onRuntime?.(null);
    };
  }, [renderer, dispatch, store, onRuntime]);

  // The scene follows the document synchronously, so a gesture that dispatches at its end and
  // then drops its live copies never shows a frame with the old shapes.
  useLayoutEffect(() => {
    const sync = () => {
      const before = renderer.revision;
      const areas = renderer.setShapes(selectShapes(store.getState()));
      if (renderer.revision === before) return;
      if (runtime) runtime.repaintScene(areas);
      else sceneRef.current?.batchDraw();
    };
    sync();
    return store.subscribe(sync);
  }, [renderer, store, runtime]);

  useEffect(() => runtime?.sceneChanged(), [runtime, width, height]);

  useLayoutEffect(() => {
    if (!runtime) return;
    const current = runtime.view();
    if (current.x !== viewport.x || current.y !== viewport.y || current.scale !== viewport.scale) {
      runtime.setView(viewport);
    }
  }, [runtime, viewport]);

  useEffect(() => {
    dispatch(viewportChanged({ width, height }));
  }, [dispatch, width, height]);

  useEffect(() => cursorRef.current(), [tool, runtime]);

  const drawScene = useCallback(
    (context: Konva.Context, node: Konva.Shape) => {
      const stage = node.getStage();
      const layer = node.getLayer();
      if (!stage || !layer) return;
      const view = { x: stage.x(), y: stage.y(), scale: stage.scaleX() };
      renderer.draw(context._context, view, stage.size(), layer.getCanvas().getPixelRatio());
    },
    [renderer],
  );

  return (
    <Stage ref={stageRef} width={width} height={height} className="ed-stage">
      <Layer ref={sceneRef} listening={false}>
        <Shape listening={false} sceneFunc={drawScene} />
      </Layer>
      <SelectionLayer layerRef={selectionRef} runtime={runtime} />
      <Layer ref={overlayRef} listening={false} />
    </Stage>
  );
}
