import { useState } from 'react';
import { useAppSelector } from '../hooks';
import { Canvas } from './Canvas';
import type { CanvasRuntime } from './canvas/CanvasRuntime';
import { TextEditor } from './canvas/TextEditor';
import { selectSelectedIds, selectShapes } from './editorSelectors';
import { HelpPanel } from './ui/HelpPanel';
import { MenuControls } from './ui/MenuControls';
import { Notice } from './ui/Notice';
import { StylePanel } from './ui/StylePanel';
import { Toolbar } from './ui/Toolbar';
import { ViewControls } from './ui/ViewControls';
import { useElementSize } from './useElementSize';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import './editor.css';

const FALLBACK_CANVAS_SIZE = { width: 960, height: 600 };

/** What the canvas holds, for screen readers (the canvas itself is pixels). */
function CanvasSummary() {
  const count = useAppSelector(selectShapes).length;
  const selected = useAppSelector(selectSelectedIds).length;
  const shapes = `${count} ${count === 1 ? 'shape' : 'shapes'}`;
  return (
    <p className="ed-visually-hidden" aria-live="polite" data-testid="canvas-summary">
      {selected > 0 ? `${shapes}, ${selected} selected` : shapes}
    </p>
  );
}

/** The whole editor: the canvas and its floating controls, filling the space its parent gives it. */
export function Editor() {
  const [areaRef, size] = useElementSize<HTMLDivElement>(FALLBACK_CANVAS_SIZE);
  const [runtime, setRuntime] = useState<CanvasRuntime | null>(null);
  useKeyboardShortcuts();
  return (
    <div className="editor ed-root">
      <div className="ed-canvas-area" ref={areaRef} role="region" aria-label="Drawing canvas">
        <Canvas width={size.width} height={size.height} onRuntime={setRuntime} />
        <TextEditor runtime={runtime} />
      </div>
      <div className="ed-top">
        <Toolbar />
      </div>
      <Notice />
      <StylePanel />
      <ViewControls runtime={runtime} />
      <MenuControls />
      <HelpPanel />
      <CanvasSummary />
    </div>
  );
}
