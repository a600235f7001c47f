import { contains, type Bounds } from '../geometry';
import type { DeviceView } from './drawShape';

/** Each side of the bitmap reaches this share of the view beyond it, so a pan stays inside for a while. */
const MARGIN = 0.5;
/** Canvas sides stay within what every browser allocates without complaint. */
const MAX_SIDE = 4096;
/** Zooming in past this factor from the bitmap's scale would show it blurred: redraw instead. */
const MAX_UPSCALE = 2;

type Paint = (ctx: CanvasRenderingContext2D, view: DeviceView, world: Bounds) => void;

/**
 * A bitmap of the scene around the view, drawn once when a pan or zoom gesture starts and then
 * only moved and scaled (one drawImage a frame, whatever the number of shapes). It is redrawn
 * when the view leaves it or zooms in too far, and dropped when the scene changes.
 */
export class ViewportCache {
  private canvas: HTMLCanvasElement | null = null;
  private entry: { world: Bounds; scale: number } | null = null;

  constructor(private readonly paint: Paint) {}

  invalidate(): void {
    this.entry = null;
  }

  /** Shows the scene for `world` (at view `scale`) from the bitmap, redrawing it first if needed. */
  draw(ctx: CanvasRenderingContext2D, device: DeviceView, world: Bounds, scale: number): void {
    if (!this.covers(world, scale)) this.build(world, scale, device.scale / scale);
    const { entry, canvas } = this;
    if (!entry || !canvas) return;
    ctx.setTransform(device.scale, 0, 0, device.scale, device.x, device.y);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(canvas, entry.world.x, entry.world.y, entry.world.width, entry.world.height);
  }

  private covers(world: Bounds, scale: number): boolean {
    const { entry } = this;
    return !!entry && contains(entry.world, world) && scale <= entry.scale * MAX_UPSCALE;
  }

  private build(world: Bounds, scale: number, pixelRatio: number): void {
    const area: Bounds = {
      x: world.x - world.width * MARGIN,
      y: world.y - world.height * MARGIN,
      width: world.width * (1 + 2 * MARGIN),
      height: world.height * (1 + 2 * MARGIN),
    };
    const wanted = scale * pixelRatio;
    const resolution = Math.min(wanted, MAX_SIDE / area.width, MAX_SIDE / area.height);
    const width = Math.max(1, Math.ceil(area.width * resolution));
    const height = Math.max(1, Math.ceil(area.height * resolution));
    this.canvas ??= document.createElement('canvas');
    const canvas = this.canvas;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    this.paint(ctx, { scale: resolution, x: -area.x * resolution, y: -area.y * resolution }, area);
    this.entry = { world: area, scale };
  }
}
