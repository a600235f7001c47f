/**
 * The canvas benchmark's page (bench/canvas.bench.ts builds and drives it; it is not part of the
 * app's bundle). `?mode=editor&n=5000` mounts the real Editor on a store holding n mixed shapes;
 * `?mode=raw&n=5000` draws the same shapes with plain Canvas 2D every frame, no Konva, no culling,
 * no caching: the baseline. `window.runBench(scenario)` then drives pan, zoom or drag for a few
 * seconds and reports frames per second.
 */
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { createAppStore } from '../../store';
import { Editor } from '../Editor';
import { documentLoaded } from '../editorSlice';
import { drawShapeInView } from '../render/drawShape';
import type { Shape } from '../shapes';
import { benchShapes, DRAG_TARGET_ID } from './scene';
import { measureFrames, motion, timeToSecondFrame, type BenchResult, type Scenario } from './measure';

const params = new URLSearchParams(location.search);
const count = Number(params.get('n') ?? 1000);
const mode = params.get('mode') === 'raw' ? 'raw' : 'editor';
const size = { width: innerWidth, height: innerHeight };
const centre = { x: size.width / 2, y: size.height / 2 };
const shapes = benchShapes(count, size);
const root = document.getElementById('root')!;

function pointer(type: string, x: number, y: number, button: number) {
  const target = document.querySelector('.konvajs-content')!;
  const buttons = type === 'pointerup' ? 0 : button === 1 ? 4 : 1;
  const init = { bubbles: true, cancelable: true, clientX: x, clientY: y, button, buttons, pointerId: 1 };
  target.dispatchEvent(new PointerEvent(type, { ...init, pointerType: 'mouse', isPrimary: true }));
}

/** Drives the real editor with the events a user's pan, wheel zoom or drag would produce. */
async function runEditor(scenario: Scenario): Promise<BenchResult> {
  let scale = 1;
  const button = scenario === 'pan' ? 1 : 0;
  const zoomTo = (target: number) => {
    const deltaY = -Math.log(target / scale) / 0.002;
    scale = target;
    const wheel = { bubbles: true, cancelable: true, clientX: centre.x, clientY: centre.y, deltaY };
    document.querySelector('.konvajs-content')!.dispatchEvent(new WheelEvent('wheel', wheel));
  };
  // The gesture's first event, timed to the frame that shows its effect.
  const begun = performance.now();
  if (scenario === 'zoom') zoomTo(1.01);
  else {
    pointer('pointerdown', centre.x, centre.y, button);
    pointer('pointermove', centre.x + 4, centre.y + 4, button);
  }
  const startMs = await timeToSecondFrame(begun);
  const result = await measureFrames((t) => {
    const m = motion(scenario, t);
    if (scenario === 'zoom') zoomTo(m.scale);
    else pointer('pointermove', centre.x + m.dx, centre.y + m.dy, button);
  });
  if (scenario !== 'zoom') pointer('pointerup', centre.x, centre.y, button);
  return { ...result, startMs };
}

/** Redraws every shape each frame, as a canvas app without any of the editor's tricks would. */
function runRaw(canvas: HTMLCanvasElement, scenario: Scenario): Promise<BenchResult> {
  const ctx = canvas.getContext('2d')!;
  const target = shapes.findIndex((shape) => shape.id === DRAG_TARGET_ID);
  return measureFrames((t) => {
    const m = motion(scenario, t);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const panning = scenario === 'pan';
    const dpr = devicePixelRatio;
    const view = {
      scale: m.scale * dpr,
      x: (centre.x - centre.x * m.scale + (panning ? m.dx : 0)) * dpr,
      y: (centre.y - centre.y * m.scale + (panning ? m.dy : 0)) * dpr,
    };
    shapes.forEach((shape: Shape, i) => {
      const moved = scenario === 'drag' && i === target ? { ...shape, x: shape.x + m.dx, y: shape.y + m.dy } : shape;
      drawShapeInView(ctx, moved, view);
    });
  });
}

declare global {
  interface Window {
    benchReady?: boolean;
    runBench?: (scenario: Scenario) => Promise<BenchResult>;
  }
}

if (mode === 'editor') {
  const store = createAppStore({ fetch: async () => new Response('{}') });
  store.dispatch(documentLoaded(shapes));
  createRoot(root).render(
    <Provider store={store}>
      <Editor />
    </Provider>,
  );
  window.runBench = runEditor;
} else {
  const canvas = document.createElement('canvas');
  canvas.width = size.width * devicePixelRatio;
  canvas.height = size.height * devicePixelRatio;
  canvas.style.width = `${size.width}px`;
  canvas.style.height = `${size.height}px`;
  root.append(canvas);
  window.runBench = (scenario) => runRaw(canvas, scenario);
}
requestAnimationFrame(() => requestAnimationFrame(() => (window.benchReady = true)));
