import { contains, type Bounds } from '../geometry';
import { visibleWorld, type ViewTransform } from '../viewport';
import type { DeviceView } from './drawShape';

/** Each side of the bitmap reaches this share of the view beyond it, so a pan stays inside for a while. */
const MARGIN = 0.5;
/** Canvas sides stay within what every browser allocates without complaint. */
const MAX_SIDE = 4096;
/** Zooming in past this factor from the bitmap's scale would show it blurred: redraw instead. */
const MAX_UPSCALE = 2;

type Paint = (ctx: CanvasRenderingContext2D, view: DeviceView, world: Bounds) => void;

/**
 * The scene as one bitmap while the view pans or zooms. It is drawn once when the gesture starts,
 * around the view with a margin, into a canvas element of its own behind the stage; each frame of
 * the gesture then only sets that element's CSS transform, which the compositor applies without
 * drawing anything, whatever the number of shapes. It is redrawn when the view leaves it or zooms
 * in too far. (Drawing the bitmap into the layer with drawImage each frame costs a full-canvas
 * raster per frame under software rendering; a CSS transform does not.)
 */
export class ViewportSnapshot {
  private readonly canvas: HTMLCanvasElement;
  private entry: { area: Bounds; scale: number; resolution: number } | null = null;

  constructor(
    host: HTMLElement,
    private readonly paint: Paint,
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

  /** Shows the scene for `view` (a `size` CSS-pixel viewport), drawing the bitmap first if needed. */
  show(view: ViewTransform, size: { width: number; height: number }, pixelRatio: number): void {
    const world = visibleWorld(view, size);
    if (!this.covers(world, view.scale)) this.draw(world, view.scale, pixelRatio);
    const entry = this.entry;
    if (!entry) return;
    const x = entry.area.x * view.scale + view.x;
    const y = entry.area.y * view.scale + view.y;
    const zoom = (view.scale * pixelRatio) / entry.resolution;
    this.canvas.style.transform = `translate(${x}px, ${y}px) scale(${zoom})`;
    this.canvas.style.display = 'block';
  }

  hide(): void {
    this.canvas.style.display = 'none';
    this.entry = null;
  }

  destroy(): void {
    this.canvas.remove();
  }

  private covers(world: Bounds, scale: number): boolean {
    const { entry } = this;
    return !!entry && contains(entry.area, world) && scale <= entry.scale * MAX_UPSCALE;
  }

  private draw(world: Bounds, scale: number, pixelRatio: number): void {
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
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    this.paint(ctx, { scale: resolution, x: -area.x * resolution, y: -area.y * resolution }, area);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.entry = { area, scale, resolution };
  }
}
