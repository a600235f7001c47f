import { expect, test, type Page } from '@playwright/test';
import { canvasOf, colourAt, countShapes, outlineHasColour, type Point } from './canvas-probe.ts';
import { openEditor } from './app-helpers.ts';

// What the user sees, from client/src/editor/shapes.ts and ShapeNode.tsx.
const RECT_FILL = '#a5d8ff';
const ELLIPSE_FILL = '#b2f2bb';
const SELECTION_OUTLINE = '#e8590c';

// Two spots on the empty canvas, far enough apart that the 120x80 shapes do not overlap.
const FIRST_SPOT: Point = { x: 200, y: 150 };
const SECOND_SPOT: Point = { x: 520, y: 320 };

const toolButton = (page: Page, name: 'Rectangle' | 'Ellipse') =>
  page.getByRole('toolbar', { name: 'Tools' }).getByRole('button', { name });

/** Picks the ellipse after drawing a rectangle at FIRST_SPOT, then draws it at SECOND_SPOT. */
async function drawRectangleThenEllipse(page: Page): Promise<void> {
  await canvasOf(page).click({ position: FIRST_SPOT });
  await expect.poll(() => countShapes(page)).toBe(1);
  await toolButton(page, 'Ellipse').click();
  await canvasOf(page).click({ position: SECOND_SPOT });
  await expect.poll(() => countShapes(page)).toBe(2);
}

test.describe('the canvas', () => {
  test.beforeEach(async ({ page }) => {
    await openEditor(page);
  });

  test('adds the picked shape where the empty canvas is clicked', async ({ page }) => {
    await expect(toolButton(page, 'Rectangle')).toHaveAttribute('aria-pressed', 'true');
    await expect(toolButton(page, 'Ellipse')).toHaveAttribute('aria-pressed', 'false');
    expect(await countShapes(page)).toBe(0);
    expect(await colourAt(page, FIRST_SPOT)).toBe('transparent');

    await canvasOf(page).click({ position: FIRST_SPOT });
    await expect.poll(() => countShapes(page)).toBe(1);
    await expect
      .poll(() => colourAt(page, FIRST_SPOT), { message: 'a rectangle fill under the click' })
      .toBe(RECT_FILL);

    await toolButton(page, 'Ellipse').click();
    await expect(toolButton(page, 'Ellipse')).toHaveAttribute('aria-pressed', 'true');
    await expect(toolButton(page, 'Rectangle')).toHaveAttribute('aria-pressed', 'false');

    await canvasOf(page).click({ position: SECOND_SPOT });
    await expect.poll(() => countShapes(page)).toBe(2);
    await expect
      .poll(() => colourAt(page, SECOND_SPOT), { message: 'an ellipse fill under the click' })
      .toBe(ELLIPSE_FILL);
    expect(await colourAt(page, FIRST_SPOT)).toBe(RECT_FILL);
  });

  test('selects a shape when it is clicked instead of adding another', async ({ page }) => {
    await drawRectangleThenEllipse(page);
    await expect
      .poll(() => outlineHasColour(page, SECOND_SPOT, SELECTION_OUTLINE), { message: 'the new ellipse is selected' })
      .toBe(true);
    expect(await outlineHasColour(page, FIRST_SPOT, SELECTION_OUTLINE), 'the rectangle is not selected').toBe(false);

    // The ellipse tool is still picked, so a wrongly added shape would be an ellipse on top.
    await canvasOf(page).click({ position: FIRST_SPOT });

    await expect
      .poll(() => outlineHasColour(page, FIRST_SPOT, SELECTION_OUTLINE), { message: 'the rectangle is selected' })
      .toBe(true);
    expect(await outlineHasColour(page, SECOND_SPOT, SELECTION_OUTLINE), 'the ellipse is not selected').toBe(false);
    expect(await countShapes(page)).toBe(2);
    expect(await colourAt(page, FIRST_SPOT)).toBe(RECT_FILL);
  });
});
