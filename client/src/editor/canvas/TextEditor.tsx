import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useAppDispatch, useAppSelector } from '../../hooks';
import { shapesAdded, textEdited, textEditingEnded, toolSelected, type TextEditing } from '../editorActions';
import { selectEditingText, selectShapeById, selectStyle, selectViewport } from '../editorSelectors';
import { isFilled } from '../hitTest';
import { normalizeShape, storableText } from '../normalize';
import { FONT_FAMILY, LINE_HEIGHT, measureText } from '../render/text';
import { createShape, type Point } from '../shapes';
import { worldToScreen } from '../viewport';
import type { CanvasRuntime } from './CanvasRuntime';

/**
 * Typing text in place: a textarea over the canvas, styled like the text it makes. Enter adds a
 * line; Escape, Ctrl/⌘+Enter or clicking elsewhere finishes. Empty text makes nothing (or deletes
 * the text being edited).
 */
export function TextEditor({ runtime }: { runtime: CanvasRuntime | null }) {
  const editing = useAppSelector(selectEditingText);
  if (!editing) return null;
  const key = editing.id ?? `${editing.at.x},${editing.at.y}`;
  return <TextArea key={key} editing={editing} runtime={runtime} />;
}

function TextArea({ editing, runtime }: { editing: TextEditing; runtime: CanvasRuntime | null }) {
  const found = useAppSelector((state) => (editing.id ? selectShapeById(state, editing.id) : undefined));
  const shape = found?.type === 'text' ? found : undefined;
  const style = useAppSelector(selectStyle);
  const viewport = useAppSelector(selectViewport);
  const dispatch = useAppDispatch();
  const [text, setText] = useState(shape?.text ?? '');
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);

  const fontSize = shape?.fontSize ?? style.fontSize;
  // A new text starts with its first line centred on the click.
  const origin: Point =
    shape ??
    (editing.id === null ? { x: editing.at.x, y: editing.at.y - (fontSize * LINE_HEIGHT) / 2 } : { x: 0, y: 0 });

  useLayoutEffect(() => {
    runtime?.setEditing(editing.id);
    return () => runtime?.setEditing(null);
  }, [runtime, editing.id]);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const finish = () => {
    if (done.current) return;
    done.current = true;
    const final = storableText(text);
    const size = measureText(final, fontSize);
    if (editing.id !== null) dispatch(textEdited(editing.id, final, size));
    else if (final.trim() !== '') {
      dispatch(
        shapesAdded([normalizeShape(createShape('text', { ...origin, text: final, fontSize, ...size }, style))]),
      );
    }
    dispatch(textEditingEnded());
    dispatch(toolSelected('select'));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    event.stopPropagation();
    if (event.key === 'Escape' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      finish();
    }
  };

  const screen = worldToScreen(viewport, origin);
  const size = measureText(text || ' ', fontSize);
  const scale = viewport.scale;
  const background = shape && isFilled(shape) ? shape.fill : 'transparent';
  return (
    <textarea
      ref={ref}
      className="ed-text-editor"
      aria-label="Text"
      value={text}
      spellCheck={false}
      wrap="off"
      onChange={(event) => setText(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={finish}
      style={{
        left: screen.x,
        top: screen.y,
        width: (size.width + fontSize) * scale,
        height: size.height * scale,
        fontSize: fontSize * scale,
        lineHeight: LINE_HEIGHT,
        fontFamily: FONT_FAMILY,
        color: shape?.stroke ?? style.stroke,
        background,
        opacity: shape?.opacity ?? style.opacity,
        transform: shape?.rotation ? `rotate(${shape.rotation}deg)` : undefined,
      }}
    />
  );
}
