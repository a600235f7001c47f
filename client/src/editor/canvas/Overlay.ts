import Konva from 'konva/lib/Core';
import type { Bounds } from '../geometry';
import { drawShape } from '../render/drawShape';
import type { Shape } from '../shapes';

const MARQUEE_FILL = 'rgba(66, 99, 235, 0.08)';
const MARQUEE_STROKE = '#4263eb';

/**
 * The overlay layer's content: the shape being drawn and the marquee, set by gestures as the
 * pointer moves. The layer is hidden while both are empty, so a pan does not redraw it for nothing.
 */
export class Overlay {
  private draft: Shape | null = null;
  private marquee: Bounds | null = null;
  private readonly node: Konva.Shape;

  constructor(private readonly layer: Konva.Layer) {
    this.node = new Konva.Shape({
      listening: false,
      sceneFunc: (context, shape) => this.draw(context._context, shape),
    });
    layer.add(this.node);
    layer.visible(false);
  }

  setDraft(shape: Shape | null): void {
    this.draft = shape;
    this.update();
  }

  setMarquee(bounds: Bounds | null): void {
    this.marquee = bounds;
    this.update();
  }

  destroy(): void {
    this.node.destroy();
  }

  private update(): void {
    this.layer.visible(this.draft !== null || this.marquee !== null);
    this.layer.batchDraw();
  }

  private draw(ctx: CanvasRenderingContext2D, node: Konva.Shape): void {
    if (this.draft) drawShape(ctx, this.draft);
    const box = this.marquee;
    if (!box) return;
    ctx.fillStyle = MARQUEE_FILL;
    ctx.fillRect(box.x, box.y, box.width, box.height);
    // One screen pixel wide at any zoom.
    ctx.lineWidth = 1 / (node.getStage()?.scaleX() ?? 1);
    ctx.strokeStyle = MARQUEE_STROKE;
    ctx.strokeRect(box.x, box.y, box.width, box.height);
  }
}
