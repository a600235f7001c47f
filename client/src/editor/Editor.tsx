import { Canvas } from './Canvas';
import { Toolbar } from './Toolbar';
import { useElementSize } from './useElementSize';

const FALLBACK_CANVAS_SIZE = { width: 960, height: 600 };

/** The whole editor: tools and the canvas, filling the space its parent gives it. */
export function Editor() {
  const [canvasAreaRef, canvasSize] = useElementSize<HTMLDivElement>(FALLBACK_CANVAS_SIZE);
  return (
    <div className="editor">
      <Toolbar />
      <main className="canvas-area" ref={canvasAreaRef}>
        <Canvas width={canvasSize.width} height={canvasSize.height} />
      </main>
    </div>
  );
}
