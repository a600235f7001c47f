import { contains, type Bounds } from '../geometry';
import type { ViewTransform } from '../viewport';
import type { SceneRenderer } from './SceneRenderer';

/** Each side of the bitmap reaches this share of the view beyond it, so a pan stays inside for a while. */
const MARGIN = 0.5;
/** Canvas sides stay within what every browser allocates without complaint. */
const MAX_SIDE = 4096;
/** Zooming in past this factor from the bitmap's scale would show it blurred: redraw instead. */
const MAX_UPSCALE = 2;
/** Shapes drawn between two looks at the clock while drawing within a time budget. */
const SLICE = 200;

interface Contents {
  area: Bounds;
  scale: number;
  resolution: number;
  /** The scene's revision it shows; any change to the scene makes it stale. */
  revision: number;
  /** How far up the z-order it is drawn; complete when it reaches the shape count. */
  drawnTo: number;
}

/**
 * One bitmap of the scene around a view, in a canvas element of its own behind the stage, shown
 * at any view by a CSS transform. It can be drawn all at once or a time budget at a time.
 */
export class SceneBitmap {
  readonly canvas: HTMLCanvasElement;
  private contents: Contents | null = null;

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

  get isEmpty(): boolean {
    return this.contents === null;
  }

  get isComplete(): boolean {
    return !!this.contents && this.contents.drawnTo >= this.scene.shapeCount;
  }

  /** The share of `world` it covers with current content (0 to 1). */
  coverage(world: Bounds): number {
    const { contents } = this;
    if (!contents || contents.revision !== this.scene.revision || world.width * world.height === 0) return 0;
    const { area } = contents;
    const width = Math.min(area.x + area.width, world.x + world.width) - Math.max(area.x, world.x);
    const height = Math.min(area.y + area.height, world.y + world.height) - Math.max(area.y, world.y);
    return width > 0 && height > 0 ? (width * height) / (world.width * world.height) : 0;
  }

  /** Whether it can show `world` at `scale`: current, covering it, and not too blurred. */
  fits(world: Bounds, scale: number): boolean {
    const { contents } = this;
    return (
      !!contents &&
      contents.revision === this.scene.revision &&
      contains(contents.area, world) &&
      scale <= contents.scale * MAX_UPSCALE
    );
  }

  /** Empties it and aims it at `world` (plus the margin) at `scale`. */
  start(world: Bounds, scale: number, pixelRatio: number): void {
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
    this.contents = { area, scale, resolution, revision: this.scene.revision, drawnTo: 0 };
  }

  /** Draws more of the scene, until done or `budgetMs` has passed; true when complete. */
  draw(budgetMs = Infinity): boolean {
    const { contents } = this;
    const ctx = this.canvas.getContext('2d');
    if (!contents || !ctx) return false;
    const started = performance.now();
    const { resolution, area } = contents;
    const view = { scale: resolution, x: -area.x * resolution, y: -area.y * resolution };
    while (contents.drawnTo < this.scene.shapeCount && performance.now() - started < budgetMs) {
      const to = budgetMs === Infinity ? Infinity : contents.drawnTo + SLICE;
      this.scene.paint(ctx, view, area, contents.drawnTo, to);
      contents.drawnTo = Math.min(to, this.scene.shapeCount);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    return this.isComplete;
  }

  /** Shows it where `view` puts its area. */
  show(view: ViewTransform, pixelRatio: number): void {
    const { contents } = this;
    if (!contents) return;
    const x = contents.area.x * view.scale + view.x;
    const y = contents.area.y * view.scale + view.y;
    const zoom = (view.scale * pixelRatio) / contents.resolution;
    this.canvas.style.transform = `translate(${x}px, ${y}px) scale(${zoom})`;
    this.canvas.style.display = 'block';
  }

  hide(): void {
    this.canvas.style.display = 'none';
  }

  destroy(): void {
    this.canvas.remove();
  }
}
