import { act, fireEvent, render, screen } from '@testing-library/react';
import Konva from 'konva/lib/Core';
import { Provider } from 'react-redux';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from './api/http';
import { App } from './App';
import { selectSelectedShapeId, selectShapes, selectTool } from './editor/editorSlice';
import { createAppStore, type AppStore } from './store';

const healthy: FetchLike = async () =>
  new Response('{"status":"ok"}', { status: 200, headers: { 'content-type': 'application/json' } });

function renderApp(fetch: FetchLike = healthy): AppStore {
  const store = createAppStore({ fetch });
  render(
    <Provider store={store}>
      <App />
    </Provider>,
  );
  return store;
}

function currentStage(): Konva.Stage {
  const stage = Konva.stages.at(-1);
  if (!stage) throw new Error('no Konva stage rendered');
  return stage;
}

/** Konva reads pointer positions from the DOM event; jsdom has no layout, so set them directly. */
function clickStageAt(stage: Konva.Stage, x: number, y: number): void {
  act(() => {
    stage.setPointersPositions({ clientX: x, clientY: y } as unknown as PointerEvent);
    stage.fire('pointerclick', { evt: new MouseEvent('click') });
  });
}

describe('App', () => {
  it('shows the API health reported by /healthz', async () => {
    renderApp();
    expect(screen.getByRole('status').textContent).toBe('API: checking…');
    expect(await screen.findByText('API: ok')).toBeTruthy();
  });

  it('shows the problem code when the API is not healthy', async () => {
    renderApp(
      async () =>
        new Response('{"title":"Service Unavailable","status":503,"code":"not_ready"}', {
          status: 503,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    expect(await screen.findByText('API: unavailable (not_ready)')).toBeTruthy();
  });

  it('offers rect and ellipse tools and marks the chosen one', async () => {
    const store = renderApp();
    const rect = screen.getByRole('button', { name: 'Rectangle' });
    const ellipse = screen.getByRole('button', { name: 'Ellipse' });
    expect(rect.getAttribute('aria-pressed')).toBe('true');
    expect(ellipse.getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(ellipse);

    expect(selectTool(store.getState())).toBe('ellipse');
    expect(ellipse.getAttribute('aria-pressed')).toBe('true');
    expect(rect.getAttribute('aria-pressed')).toBe('false');
    await screen.findByText('API: ok');
  });

  it('adds a shape of the selected tool centred where the empty canvas is clicked', async () => {
    const store = renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Ellipse' }));

    clickStageAt(currentStage(), 300, 200);

    const [shape] = selectShapes(store.getState());
    expect(shape).toMatchObject({ type: 'ellipse', x: 300 - shape!.width / 2, y: 200 - shape!.height / 2 });
    expect(currentStage().findOne(`#${shape!.id}`)).toBeTruthy();
    await screen.findByText('API: ok');
  });

  it('selects a shape clicked on the canvas without adding another', async () => {
    const store = renderApp();
    clickStageAt(currentStage(), 100, 100);
    clickStageAt(currentStage(), 400, 300);
    const [first] = selectShapes(store.getState());
    const node = currentStage().findOne(`#${first!.id}`)!;

    act(() => {
      node.fire('pointerdown', { evt: new MouseEvent('pointerdown') }, true);
      node.fire('pointerclick', { evt: new MouseEvent('click') }, true);
    });

    expect(selectShapes(store.getState())).toHaveLength(2);
    expect(selectSelectedShapeId(store.getState())).toBe(first!.id);
    await screen.findByText('API: ok');
  });

  it('dispatches shapeMoved on dragend only, not while the shape is dragged', async () => {
    const store = renderApp();
    clickStageAt(currentStage(), 100, 100);
    const [added] = selectShapes(store.getState());
    const node = currentStage().findOne(`#${added!.id}`)!;

    act(() => {
      node.position({ x: 250, y: 150 });
      node.fire('dragmove');
    });
    expect(selectShapes(store.getState())[0]).toBe(added);

    act(() => {
      node.fire('dragend');
    });
    expect(selectShapes(store.getState())[0]).toMatchObject({ id: added!.id, x: 250, y: 150, version: 2 });
    await screen.findByText('API: ok');
  });
});
