import { act, fireEvent, render, screen, within } from '@testing-library/react';
import Konva from 'konva/lib/Core';
import { Provider } from 'react-redux';
import { describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../store';
import { Editor } from './Editor';
import { selectSelectedIds, selectShapes, selectTool, selectViewport, shapesAdded } from './editorSlice';
import { createShape } from './shapes';

function renderEditor(): AppStore {
  const store = createAppStore({ fetch: async () => new Response('{}') });
  render(
    <Provider store={store}>
      <Editor />
    </Provider>,
  );
  return store;
}

const press = (key: string, init: KeyboardEventInit = {}, target: Element = document.body) =>
  act(() => {
    fireEvent.keyDown(target, { key, ...init });
  });

describe('Editor', () => {
  it('offers every tool by name, marks the current one and switches by click or key', () => {
    const store = renderEditor();
    const toolbar = screen.getByRole('toolbar', { name: 'Tools' });
    const names = within(toolbar)
      .getAllByRole('button')
      .map((button) => button.getAttribute('aria-label'));
    expect(names).toEqual(['Select', 'Rectangle', 'Ellipse', 'Line', 'Arrow', 'Pen', 'Text']);
    expect(screen.getByRole('button', { name: 'Select' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Ellipse' }));
    expect(selectTool(store.getState())).toBe('ellipse');
    expect(screen.getByRole('button', { name: 'Ellipse' }).getAttribute('aria-pressed')).toBe('true');
    press('a');
    expect(selectTool(store.getState())).toBe('arrow');
    expect(screen.getByRole('button', { name: 'Arrow' }).getAttribute('data-tooltip')).toBe('Arrow — A');
  });

  it('leaves keys alone while the user types in a field', () => {
    const store = renderEditor();
    const input = document.createElement('input');
    document.body.append(input);
    press('r', {}, input);
    press('Delete', {}, input);
    expect(selectTool(store.getState())).toBe('select');
    input.remove();
  });

  it('deletes the selection with Delete and brings it back with Ctrl+Z', () => {
    const store = renderEditor();
    act(() => {
      store.dispatch(shapesAdded([createShape('rect', { id: 'a' })]));
    });
    expect(screen.getByTestId('canvas-summary').textContent).toBe('1 shape, 1 selected');
    press('Delete');
    expect(selectShapes(store.getState())).toHaveLength(0);
    press('z', { ctrlKey: true });
    expect(selectShapes(store.getState())).toHaveLength(1);
    press('d', { ctrlKey: true });
    expect(selectShapes(store.getState())).toHaveLength(2);
    press('Escape');
    expect(selectSelectedIds(store.getState())).toEqual([]);
  });

  it('opens the selected text for editing with Enter', () => {
    const store = renderEditor();
    act(() => {
      store.dispatch(
        shapesAdded([createShape('text', { id: 't', text: 'note', fontSize: 20, width: 40, height: 25 })]),
      );
    });
    press('Enter');
    expect(screen.getByRole('textbox', { name: 'Text' })).toHaveProperty('value', 'note');
  });

  it('shows the style panel for the selection and applies a fill in one step', () => {
    const store = renderEditor();
    expect(screen.queryByRole('region', { name: 'Style' })).toBeNull();
    act(() => {
      store.dispatch(shapesAdded([createShape('rect', { id: 'a' }), createShape('line', { id: 'l' })]));
    });
    const panel = screen.getByRole('region', { name: 'Style' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Fill: Light blue' }));
    expect(selectShapes(store.getState()).map((shape) => shape.fill)).toEqual(['#a5d8ff', '#a5d8ff']);
    expect(within(panel).getByRole('button', { name: 'Fill: Light blue' }).getAttribute('aria-pressed')).toBe('true');
    expect(store.getState().editor.history.past).toHaveLength(2);
  });

  it('opens the shortcut list with ? and closes it with Escape', () => {
    renderEditor();
    press('?', { shiftKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Bring forward')).toBeTruthy();
    press('Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('zooms with the buttons and shows the level', () => {
    const store = renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(selectViewport(store.getState()).scale).toBe(1.25);
    expect(screen.getByRole('button', { name: /^Zoom 125%/ })).toBeTruthy();
    press('-');
    press('-');
    expect(screen.getByRole('button', { name: /^Zoom 80%/ })).toBeTruthy();
  });

  it('draws the scene as one Konva shape, whatever the number of shapes', () => {
    const store = renderEditor();
    act(() => {
      store.dispatch(shapesAdded(Array.from({ length: 50 }, () => createShape('ellipse'))));
    });
    const stage = Konva.stages.at(-1)!;
    const [scene] = stage.getLayers();
    expect(scene!.getChildren()).toHaveLength(1);
    expect(scene!.listening()).toBe(false);
  });
});
