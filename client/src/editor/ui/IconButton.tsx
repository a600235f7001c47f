import type { ComponentPropsWithRef, ReactNode } from 'react';

export interface IconButtonProps extends ComponentPropsWithRef<'button'> {
  /** The accessible name, e.g. "Rectangle". */
  label: string;
  /** What the tooltip adds, e.g. "R" or "Ctrl+Z". */
  keys?: string;
  /** Where the tooltip opens, away from the screen edge the control sits on. */
  tooltip?: 'below' | 'above' | 'right';
  children: ReactNode;
}

/**
 * A square icon button with an accessible name and a tooltip naming its shortcut. Pressing it
 * with the mouse does not take focus from the canvas, so Space still pans afterwards; keyboard
 * users tab to it as usual.
 */
export function IconButton({ label, keys, tooltip = 'below', className, children, ...rest }: IconButtonProps) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-keyshortcuts={keys?.replaceAll(' or ', ' ').replaceAll('Ctrl', 'Control').replaceAll('⌘', 'Meta')}
      data-tooltip={keys ? `${label} — ${keys}` : label}
      data-tooltip-side={tooltip}
      className={`ed-button${className ? ` ${className}` : ''}`}
      onMouseDown={(event) => event.preventDefault()}
      {...rest}
    >
      {children}
    </button>
  );
}
