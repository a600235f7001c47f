import { contains, worldBounds, type Bounds } from '../geometry';
import { hitTest } from '../hitTest';
import type { Point, Shape } from '../shapes';
import { visibleWorld, type ViewTransform } from '../viewport';
import { drawShapeInView, type DeviceView } from './drawShape';
import { changedAreas, MAX_DIRTY_AREAS } from './sceneChanges';

export interface Size {
  width: number;
  height: number;
}

/**
 * Draws the document's shapes onto the scene layer, one non-listening Konva shape, with Canvas
 * 2D calls and without a Konva node per shape: what Konva would spend per node (hit canvas,
 * attributes, events) is what makes thousands of shapes slow. It culls what is off screen by
 * each shape's cached world box and answers hit tests from the same boxes. (During pan and zoom
 * the scene is shown from a bitmap instead: see ViewportSnapshot.)
 */
export class SceneRenderer {
  private shapes: readonly Shape[] = [];
  /** minX, minY, maxX, maxY per shape, in the order of `shapes`. */
  private boxes = new Float64Array(0);
  private readonly boundsByShape = new WeakMap<Shape, Bounds>();
  private hidden: ReadonlySet<string> = new Set();
  private changes = 0;

  private boundsOf(shape: Shape): Bounds {
    let bounds = this.boundsByShape.get(shape);
    if (!bounds) {
      bounds = worldBounds(shape);
      this.boundsByShape.set(shape, bounds);
    }
    return bounds;
  }

  /**
   * Takes the document's shapes (world boxes are computed once per shape object) and returns the
   * world areas that now look different, or null if the whole scene should be redrawn.
   */
  setShapes(shapes: readonly Shape[]): Bounds[] | null {
    if (shapes === this.shapes) return [];
    const areas = changedAreas(this.shapes, shapes, (shape) => this.boundsOf(shape));
    this.shapes = shapes;
    const boxes = new Float64Array(shapes.length * 4);
    shapes.forEach((shape, i) => {
      const bounds = this.boundsOf(shape);
      boxes.set([bounds.x, bounds.y, bounds.x + bounds.width, bounds.y + bounds.height], i * 4);
    });
    this.boxes = boxes;
    this.changes += 1;
    return areas;
  }

  /**
   * Shapes drawn elsewhere for now: lifted onto the selection layer, or being typed into.
   * Returns the areas of the shapes that appear or disappear (null: redraw everything).
   */
  setHidden(ids: Iterable<string>): Bounds[] | null {
    const next = new Set(ids);
    const toggled = new Set([...next, ...this.hidden].filter((id) => next.has(id) !== this.hidden.has(id)));
    this.hidden = next;
    if (toggled.size === 0) return [];
    this.changes += 1;
    if (toggled.size > MAX_DIRTY_AREAS) return null;
    return this.shapes.filter((shape) => toggled.has(shape.id)).map((shape) => this.boundsOf(shape));
  }

  /** Grows whenever what `paint` draws changes: a bitmap of the scene is current while it stays. */
  get revision(): number {
    return this.changes;
  }

  get shapeCount(): number {
    return this.shapes.length;
  }

  /** Draws the scene for the view; `ctx` is the layer's context, `pixelRatio` its density. */
  draw(ctx: CanvasRenderingContext2D, view: ViewTransform, size: Size, pixelRatio: number): void {
    const device: DeviceView = { scale: view.scale * pixelRatio, x: view.x * pixelRatio, y: view.y * pixelRatio };
    const world = visibleWorld(view, size);
    ctx.save();
    this.paint(ctx, device, world);
    ctx.restore();
  }

  /**
   * Draws the shapes that meet `world` (and are not hidden) for a view in device pixels; `from`
   * and `to` limit it to a range of the z-order, so a bitmap can be drawn a slice at a time.
   */
  paint(ctx: CanvasRenderingContext2D, view: DeviceView, world: Bounds, from = 0, to = Infinity): void {
    const { shapes, boxes, hidden } = this;
    const right = world.x + world.width;
    const bottom = world.y + world.height;
    const checkHidden = hidden.size > 0;
    const end = Math.min(to, shapes.length);
    for (let i = from; i < end; i += 1) {
      const b = i * 4;
      if (boxes[b]! > right || boxes[b + 2]! < world.x || boxes[b + 1]! > bottom || boxes[b + 3]! < world.y) continue;
      const shape = shapes[i]!;
      if (checkHidden && hidden.has(shape.id)) continue;
      drawShapeInView(ctx, shape, view);
    }
  }

  /**
   * Redraws only `areas` (world boxes) of a canvas already showing the scene for `view`: each is
   * cleared and drawn again, clipped to whole device pixels with room for anti-aliasing.
   */
  repaint(ctx: CanvasRenderingContext2D, view: DeviceView, areas: readonly Bounds[]): void {
    for (const area of areas) {
      const left = Math.floor(area.x * view.scale + view.x) - 2;
      const top = Math.floor(area.y * view.scale + view.y) - 2;
      const right = Math.ceil((area.x + area.width) * view.scale + view.x) + 2;
      const bottom = Math.ceil((area.y + area.height) * view.scale + view.y) + 2;
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.beginPath();
      ctx.rect(left, top, right - left, bottom - top);
      ctx.clip();
      ctx.clearRect(left, top, right - left, bottom - top);
      const world = {
        x: (left - view.x) / view.scale,
        y: (top - view.y) / view.scale,
        width: (right - left) / view.scale,
        height: (bottom - top) / view.scale,
      };
      this.paint(ctx, view, world);
      ctx.restore();
    }
  }

  /**
   * The shape under a world point: the topmost one whose paint is hit, else the smallest unfilled
   * shape the point is inside (so a click inside an empty rectangle still selects it).
   */
  hitTest(point: Point, tolerance: number): Shape | null {
    let hollow: Shape | null = null;
    let hollowArea = Infinity;
    for (let i = this.shapes.length - 1; i >= 0; i -= 1) {
      const b = i * 4;
      const { boxes } = this;
      const outside =
        point.x < boxes[b]! - tolerance ||
        point.x > boxes[b + 2]! + tolerance ||
        point.y < boxes[b + 1]! - tolerance ||
        point.y > boxes[b + 3]! + tolerance;
      if (outside) continue;
      const shape = this.shapes[i]!;
      const hit = hitTest(shape, point, tolerance);
      if (hit === 'painted') return shape;
      const area = (boxes[b + 2]! - boxes[b]!) * (boxes[b + 3]! - boxes[b + 1]!);
      if (hit === 'hollow' && area < hollowArea) {
        hollow = shape;
        hollowArea = area;
      }
    }
    return hollow;
  }

  /** Ids of the shapes whose painted box lies wholly inside `area` (marquee selection). */
  idsInside(area: Bounds): string[] {
    const ids: string[] = [];
    this.shapes.forEach((shape, i) => {
      const b = i * 4;
      const box = { x: this.boxes[b]!, y: this.boxes[b + 1]!, width: 0, height: 0 };
      box.width = this.boxes[b + 2]! - box.x;
      box.height = this.boxes[b + 3]! - box.y;
      if (contains(area, box)) ids.push(shape.id);
    });
    return ids;
  }
}
