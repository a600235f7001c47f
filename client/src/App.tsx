import { Canvas } from './editor/Canvas';
import { Toolbar } from './editor/Toolbar';
import { useElementSize } from './editor/useElementSize';
import { HealthIndicator } from './health/HealthIndicator';

const FALLBACK_CANVAS_SIZE = { width: 960, height: 600 };

export function App() {
  const [canvasAreaRef, canvasSize] = useElementSize<HTMLDivElement>(FALLBACK_CANVAS_SIZE);
  return (
    <div className="app">
      <header className="app-header">
        <h1>Easel</h1>
        <HealthIndicator />
      </header>
      <Toolbar />
      <main className="canvas-area" ref={canvasAreaRef}>
        <Canvas width={canvasSize.width} height={canvasSize.height} />
      </main>
    </div>
  );
}
