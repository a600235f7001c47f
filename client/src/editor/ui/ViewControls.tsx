import { useSyncExternalStore } from 'react';
import { useAppDispatch, useAppSelector } from '../../hooks';
import type { CanvasRuntime } from '../canvas/CanvasRuntime';
import { zoomReset } from '../commands';
import { selectCanRedo, selectCanUndo, selectViewport } from '../editorSelectors';
import { keysOf } from '../shortcuts';
import { ShortcutButton } from './ShortcutButton';

const noSubscription = () => () => {};

/**
 * The zoom level as shown right now: the stage's, which a wheel or pinch changes every frame
 * while the store only hears the final viewport.
 */
function useLiveScale(runtime: CanvasRuntime | null): number {
  const stored = useAppSelector(selectViewport).scale;
  return useSyncExternalStore(runtime?.subscribeView ?? noSubscription, () => runtime?.view().scale ?? stored);
}

/** Bottom-left: zoom out / level / zoom in / fit, then undo and redo. */
export function ViewControls({ runtime }: { runtime: CanvasRuntime | null }) {
  const scale = useLiveScale(runtime);
  const canUndo = useAppSelector(selectCanUndo);
  const canRedo = useAppSelector(selectCanRedo);
  const dispatch = useAppDispatch();
  const percent = `${Math.round(scale * 100)}%`;
  return (
    <div className="ed-bottom-left">
      <div className="ed-panel ed-group" role="group" aria-label="Zoom">
        <ShortcutButton id="zoom-out" tooltip="above" icon="minus" />
        <button
          type="button"
          className="ed-button ed-zoom-level"
          aria-label={`Zoom ${percent}, reset to 100%`}
          data-tooltip={`Reset to 100% — ${keysOf('zoom-reset')}`}
          data-tooltip-side="above"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => dispatch(zoomReset())}
        >
          {percent}
        </button>
        <ShortcutButton id="zoom-in" tooltip="above" icon="plus" />
        <ShortcutButton id="zoom-fit" tooltip="above" icon="fit" />
      </div>
      <div className="ed-panel ed-group" role="group" aria-label="History">
        <ShortcutButton id="undo" tooltip="above" disabled={!canUndo} icon="undo" />
        <ShortcutButton id="redo" tooltip="above" disabled={!canRedo} icon="redo" />
      </div>
    </div>
  );
}
