import { contains, type Bounds } from '../geometry';
import { visibleWorld, type ViewTransform } from '../viewport';
import type { SceneRenderer, Size } from './SceneRenderer';

/** Each side of the bitmap reaches this share of the view beyond it, so a pan stays inside for a while. */
const MARGIN = 0.5;
/** Canvas sides stay within what every browser allocates without complaint. */
const MAX_SIDE = 4096;
/** Zooming in past this factor from the bitmap's scale would show it blurred: redraw instead. */
const MAX_UPSCALE = 2;
/** Shapes drawn per slice while preparing in idle time (a few milliseconds' work). */
const SLICE = 400;

interface Entry {
  area: Bounds;
  scale: number;
  resolution: number;
  /** The scene's revision it shows; any change to the scene makes it stale. */
  revision: number;
  /** How far up the z-order it is drawn; complete when it reaches the shape count. */
  drawnTo: number;
}

/**
 * The scene as one bitmap while the view pans or zooms. It is drawn around the view with a
 * margin, into a canvas element of its own behind the stage; each frame of a gesture then only
 * sets that element's CSS transform, which the compositor applies without drawing anything,
 * whatever the number of shapes. It is redrawn when the view leaves it, zooms in too far, or the
 * scene changed. Between gestures it is kept (the next pan usually starts inside it) and, after a
 * change, prepared again a slice at a time in idle time, so a gesture rarely has to wait for it.
 * (Drawing the bitmap into the layer with drawImage each frame was tried first: under software
 * rendering that full-canvas raster per frame capped a 5,000-shape pan at about 32 fps.)
 */
export class ViewportSnapshot {
  private readonly canvas: HTMLCanvasElement;
  private entry: Entry | null = null;
  private idleHandle: number | null = null;

  constructor(
    host: HTMLElement,
    private readonly scene: SceneRenderer,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'ed-viewport-snapshot';
    Object.assign(this.canvas.style, {
      position: 'absolute',
      left: '0',
      top: '0',
      transformOrigin: '0 0',
      pointerEvents: 'none',
      display: 'none',
    });
    host.prepend(this.canvas);
  }

  /** Shows the scene for `view` (a `size` CSS-pixel viewport), finishing or redrawing the bitmap first if needed. */
  show(view: ViewTransform, size: Size, pixelRatio: number): void {
    this.cancelIdle();
    const world = visibleWorld(view, size);
    if (!this.fits(world, view.scale)) this.start(world, view.scale, pixelRatio);
    const entry = this.entry!;
    this.drawUpTo(entry, Infinity);
    const x = entry.area.x * view.scale + view.x;
    const y = entry.area.y * view.scale + view.y;
    const zoom = (view.scale * pixelRatio) / entry.resolution;
    this.canvas.style.transform = `translate(${x}px, ${y}px) scale(${zoom})`;
    this.canvas.style.display = 'block';
  }

  /** Hides the bitmap; it is kept for the next gesture while the scene does not change. */
  hide(): void {
    this.canvas.style.display = 'none';
  }

  /** Gets the bitmap for `view` ready in idle time, a slice of shapes per idle callback. */
  prepare(view: ViewTransform, size: Size, pixelRatio: number): void {
    this.cancelIdle();
    const world = visibleWorld(view, size);
    if (!this.fits(world, view.scale)) this.start(world, view.scale, pixelRatio);
    const step = (deadline?: IdleDeadline) => {
      const entry = this.entry;
      if (!entry || entry.revision !== this.scene.revision) return;
      do this.drawUpTo(entry, entry.drawnTo + SLICE);
      while (entry.drawnTo < this.scene.shapeCount && deadline && deadline.timeRemaining() > 4);
      this.idleHandle = entry.drawnTo < this.scene.shapeCount ? requestIdle(step) : null;
    };
    this.idleHandle = requestIdle(step);
  }

  destroy(): void {
    this.cancelIdle();
    this.canvas.remove();
  }

  private cancelIdle(): void {
    if (this.idleHandle !== null) cancelIdle(this.idleHandle);
    this.idleHandle = null;
  }

  private fits(world: Bounds, scale: number): boolean {
    const { entry } = this;
    return (
      !!entry &&
      entry.revision === this.scene.revision &&
      contains(entry.area, world) &&
      scale <= entry.scale * MAX_UPSCALE
    );
  }

  /** A new, empty bitmap around `world` with a margin. */
  private start(world: Bounds, scale: number, pixelRatio: number): void {
    const area: Bounds = {
      x: world.x - world.width * MARGIN,
      y: world.y - world.height * MARGIN,
      width: world.width * (1 + 2 * MARGIN),
      height: world.height * (1 + 2 * MARGIN),
    };
    const resolution = Math.min(scale * pixelRatio, MAX_SIDE / area.width, MAX_SIDE / area.height);
    const { canvas } = this;
    const width = Math.max(1, Math.ceil(area.width * resolution));
    const height = Math.max(1, Math.ceil(area.height * resolution));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      canvas.style.width = `${width / pixelRatio}px`;
      canvas.style.height = `${height / pixelRatio}px`;
    } else {
      canvas.getContext('2d')?.clearRect(0, 0, width, height);
    }
    this.entry = { area, scale, resolution, revision: this.scene.revision, drawnTo: 0 };
  }

  private drawUpTo(entry: Entry, to: number): void {
    const end = Math.min(to, this.scene.shapeCount);
    if (entry.drawnTo >= end) return;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const { resolution, area } = entry;
    this.scene.paint(
      ctx,
      { scale: resolution, x: -area.x * resolution, y: -area.y * resolution },
      area,
      entry.drawnTo,
      end,
    );
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    entry.drawnTo = end;
  }
}

// requestIdleCallback where the browser has it (not Safari), else a short timeout.
const requestIdle = (callback: (deadline?: IdleDeadline) => void): number =>
  typeof requestIdleCallback === 'function'
    ? requestIdleCallback(callback, { timeout: 1_000 })
    : window.setTimeout(callback, 16);

const cancelIdle = (handle: number): void =>
  typeof cancelIdleCallback === 'function' ? cancelIdleCallback(handle) : window.clearTimeout(handle);
