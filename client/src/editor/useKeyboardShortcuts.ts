import { useEffect } from 'react';
import { useAppDispatch } from '../hooks';
import { isTypingTarget, matchesCombo } from './keyboard';
import { SHORTCUTS } from './shortcuts';

/**
 * Runs the editor's keyboard shortcuts while the editor is mounted. Keys typed into fields and
 * the text editor are left alone, as are keys another handler already claimed.
 */
export function useKeyboardShortcuts(): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target)) return;
      // Enter presses a focused button or follows a link; it must keep doing that.
      if (event.key === 'Enter' && event.target instanceof Element && event.target.closest('button, a')) return;
      const shortcut = SHORTCUTS.find((s) => s.command && s.combos.some((combo) => matchesCombo(event, combo)));
      if (!shortcut?.command) return;
      event.preventDefault();
      dispatch(shortcut.command());
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dispatch]);
}
