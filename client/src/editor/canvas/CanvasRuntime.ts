import type Konva from 'konva/lib/Core';
import type { Bounds } from '../geometry';
import type { SceneRenderer } from '../render/SceneRenderer';
import { ViewportSnapshot } from '../render/ViewportSnapshot';
import type { Point, Shape } from '../shapes';
import { screenToWorld, type ViewTransform } from '../viewport';
import { Overlay } from './Overlay';

export interface CanvasLayers {
  /** Every shape, drawn by the SceneRenderer; never listens. */
  scene: Konva.Layer;
  /** Live copies of the selected shapes and the Transformer. */
  selection: Konva.Layer;
  /** The shape being drawn and the marquee. */
  overlay: Konva.Layer;
}

export const PROXY_NAME = 'proxy';
/** Quiet time after a change before the pan/zoom bitmap is prepared. */
const PREPARE_DELAY_MS = 200;

/**
 * What gestures work with between pointer events, outside React: the stage and its layers, the
 * scene renderer, and the transient things a gesture shows (a draft shape, the marquee, shapes
 * lifted off the scene while they move). The document changes only through dispatched actions.
 */
export class CanvasRuntime {
  private lifted: string[] = [];
  private editing: string | null = null;
  private readonly overlay: Overlay;
  private readonly snapshot: ViewportSnapshot;
  private viewGesture = false;
  private prepareTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly viewListeners = new Set<() => void>();

  constructor(
    readonly stage: Konva.Stage,
    readonly layers: CanvasLayers,
    readonly renderer: SceneRenderer,
  ) {
    this.overlay = new Overlay(layers.overlay);
    this.snapshot = new ViewportSnapshot(stage.container(), renderer);
  }

  destroy(): void {
    if (this.prepareTimer) clearTimeout(this.prepareTimer);
    this.overlay.destroy();
    this.snapshot.destroy();
  }

  /**
   * The scene or the view changed: once things are quiet, get the pan/zoom bitmap ready in idle
   * time, so the next gesture starts at once instead of drawing the whole scene first.
   */
  sceneChanged(): void {
    if (this.prepareTimer) clearTimeout(this.prepareTimer);
    this.prepareTimer = setTimeout(() => {
      this.prepareTimer = null;
      if (this.viewGesture || this.lifted.length > 0) return;
      this.snapshot.prepare(this.view(), this.stage.size(), this.pixelRatio());
    }, PREPARE_DELAY_MS);
  }

  private pixelRatio(): number {
    return this.layers.scene.getCanvas().getPixelRatio();
  }

  get container(): HTMLDivElement {
    return this.stage.container();
  }

  view(): ViewTransform {
    return { x: this.stage.x(), y: this.stage.y(), scale: this.stage.scaleX() };
  }

  /**
   * Moves the stage; Konva redraws the visible layers on the next frame. During a pan or zoom
   * gesture the scene layer is hidden and the snapshot follows the view instead.
   */
  setView(view: ViewTransform): void {
    this.stage.setAttrs({ x: view.x, y: view.y, scaleX: view.scale, scaleY: view.scale });
    if (this.viewGesture) this.showSnapshot();
    else this.sceneChanged();
    this.viewListeners.forEach((listener) => listener());
  }

  /** Calls `listener` whenever the view moves, during gestures too (the zoom level follows it). */
  subscribeView = (listener: () => void): (() => void) => {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  };

  /** A pan or zoom starts: from now until it ends the scene is shown as one bitmap. */
  beginViewGesture(): void {
    if (this.viewGesture) return;
    this.viewGesture = true;
    this.showSnapshot();
    this.layers.scene.visible(false);
  }

  endViewGesture(): void {
    if (!this.viewGesture) return;
    this.viewGesture = false;
    this.layers.scene.visible(true);
    this.layers.scene.batchDraw();
    this.snapshot.hide();
    this.sceneChanged();
  }

  private showSnapshot(): void {
    this.snapshot.show(this.view(), this.stage.size(), this.pixelRatio());
  }

  toWorld(screen: Point): Point {
    return screenToWorld(this.view(), screen);
  }

  /** The selection layer's copies of the shapes `ids` (those it shows). */
  proxies(ids: readonly string[]): Konva.Shape[] {
    const wanted = new Set(ids);
    return this.layers.selection.find<Konva.Shape>(`.${PROXY_NAME}`).filter((node) => wanted.has(node.id()));
  }

  /**
   * Shows the shapes `ids` on the selection layer instead of the scene while a gesture moves or
   * transforms them, so each frame redraws a few shapes, not the whole drawing. Returns the ids
   * that were lifted (shapes the selection layer does not show yet stay on the scene).
   */
  lift(ids: readonly string[]): string[] {
    const nodes = this.proxies(ids);
    nodes.forEach((node) => node.setAttr('lifted', true));
    this.lifted = nodes.map((node) => node.id());
    this.updateHidden();
    return this.lifted;
  }

  /** Puts lifted shapes back on the scene (after the store has their new state). */
  drop(): void {
    if (this.lifted.length === 0) return;
    this.proxies(this.lifted).forEach((node) => node.setAttr('lifted', false));
    this.lifted = [];
    this.updateHidden();
  }

  /** Hides the text shape being typed into (the text editor shows it instead). */
  setEditing(id: string | null): void {
    this.editing = id;
    this.updateHidden();
  }

  /** The shape being drawn, shown on the overlay until the gesture ends. */
  setDraft(shape: Shape | null): void {
    this.overlay.setDraft(shape);
  }

  setMarquee(bounds: Bounds | null): void {
    this.overlay.setMarquee(bounds);
  }

  private updateHidden(): void {
    const areas = this.renderer.setHidden(this.editing ? [...this.lifted, this.editing] : this.lifted);
    this.repaintScene(areas);
    this.layers.selection.batchDraw();
  }

  /**
   * Brings the scene layer up to date with the renderer. Given the world areas that changed, it
   * redraws just those, now, clipped, straight into the layer's canvas: lifting one shape out of
   * 20,000 then costs the few shapes around it, not a whole redraw. Given null, Konva redraws the
   * layer on the next frame.
   */
  repaintScene(areas: Bounds[] | null): void {
    this.sceneChanged();
    const layer = this.layers.scene;
    if (areas === null || !layer.visible()) {
      layer.batchDraw();
      return;
    }
    const pixelRatio = this.pixelRatio();
    const view = this.view();
    const device = { scale: view.scale * pixelRatio, x: view.x * pixelRatio, y: view.y * pixelRatio };
    this.renderer.repaint(layer.getContext()._context, device, areas);
  }
}
