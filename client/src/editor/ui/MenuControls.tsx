import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useAppDispatch, useAppSelector } from '../../hooks';
import { helpToggled } from '../editorActions';
import { selectHelpOpen } from '../editorSelectors';
import { exportPng, exportSvg } from '../export/exportCommands';
import { keysOf } from '../shortcuts';
import { IconButton } from './IconButton';
import { Icon } from './icons';

/** The export button and its menu (PNG, SVG). Escape or a click elsewhere closes it. */
function ExportMenu() {
  const dispatch = useAppDispatch();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const firstItemRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    firstItemRef.current?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', closeOutside);
    return () => window.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  const run = (action: () => void) => {
    setOpen(false);
    action();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    setOpen(false);
  };

  return (
    <div className="ed-menu" ref={rootRef} onKeyDown={onKeyDown}>
      <IconButton
        label="Export"
        keys={undefined}
        tooltip="above"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <Icon name="download" />
      </IconButton>
      {open && (
        <div className="ed-panel ed-menu-list" role="menu" aria-label="Export">
          <button
            ref={firstItemRef}
            type="button"
            role="menuitem"
            onClick={() => run(() => void dispatch(exportPng()))}
          >
            PNG image <kbd>{keysOf('export-png')}</kbd>
          </button>
          <button type="button" role="menuitem" onClick={() => run(() => dispatch(exportSvg()))}>
            SVG image
          </button>
        </div>
      )}
    </div>
  );
}

/** Bottom-right: export the drawing, open the shortcut help. */
export function MenuControls() {
  const helpOpen = useAppSelector(selectHelpOpen);
  const dispatch = useAppDispatch();
  return (
    <div className="ed-bottom-right">
      <div className="ed-panel ed-group">
        <ExportMenu />
        <IconButton
          label="Keyboard shortcuts"
          keys="?"
          tooltip="above"
          aria-expanded={helpOpen}
          aria-haspopup="dialog"
          onClick={() => dispatch(helpToggled(!helpOpen))}
        >
          <Icon name="help" />
        </IconButton>
      </div>
    </div>
  );
}
