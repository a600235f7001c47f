import { contains, worldBounds, type Bounds } from '../geometry';
import { hitTest } from '../hitTest';
import type { Point, Shape } from '../shapes';
import { visibleWorld, type ViewTransform } from '../viewport';
import { drawShapeInView, type DeviceView } from './drawShape';

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

  /** Takes the document's shapes; world boxes are computed once per shape object. */
  setShapes(shapes: readonly Shape[]): void {
    if (shapes === this.shapes) return;
    this.shapes = shapes;
    const boxes = new Float64Array(shapes.length * 4);
    shapes.forEach((shape, i) => {
      let bounds = this.boundsByShape.get(shape);
      if (!bounds) {
        bounds = worldBounds(shape);
        this.boundsByShape.set(shape, bounds);
      }
      boxes.set([bounds.x, bounds.y, bounds.x + bounds.width, bounds.y + bounds.height], i * 4);
    });
    this.boxes = boxes;
  }

  /** Shapes drawn elsewhere for now: lifted onto the selection layer, or being typed into. */
  setHidden(ids: Iterable<string>): void {
    this.hidden = new Set(ids);
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

  /** Draws the shapes that meet `world` (and are not hidden) for a view in device pixels. */
  paint(ctx: CanvasRenderingContext2D, view: DeviceView, world: Bounds): void {
    const { shapes, boxes, hidden } = this;
    const right = world.x + world.width;
    const bottom = world.y + world.height;
    const checkHidden = hidden.size > 0;
    for (let i = 0; i < shapes.length; i += 1) {
      const b = i * 4;
      if (boxes[b]! > right || boxes[b + 2]! < world.x || boxes[b + 1]! > bottom || boxes[b + 3]! < world.y) continue;
      const shape = shapes[i]!;
      if (checkHidden && hidden.has(shape.id)) continue;
      drawShapeInView(ctx, shape, view);
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
