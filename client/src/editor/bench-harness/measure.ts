export type Scenario = 'pan' | 'zoom' | 'drag';

export interface BenchResult {
  fps: number;
  frames: number;
  /** The longest gap between two frames while measuring: a hitch shows here. */
  worstFrameMs: number;
  /** From the gesture's first event to the second frame after it (so 17-33 ms at best). */
  startMs?: number;
}

/** Time from now until the frame after the next one: what a first event costs before it shows. */
export async function timeToSecondFrame(start: number): Promise<number> {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return performance.now() - start;
}

/** Time spent running the gesture before frames are counted (page settled, bitmaps built). */
const WARM_UP_MS = 500;
const MEASURE_MS = 3_000;

/**
 * Where the gesture is `t` seconds in: pan swings the view ±300 x ±150 px and back every two
 * seconds; zoom swings between 50% and 200% about the middle; drag swings the pointer ±150 x
 * ±100 px. Continuous, so every frame has something new to show.
 */
export function motion(scenario: Scenario, t: number) {
  const phase = (t * Math.PI * 2) / 2;
  if (scenario === 'zoom') return { dx: 0, dy: 0, scale: 2 ** Math.sin(phase) };
  const reach = scenario === 'pan' ? { x: 300, y: 150 } : { x: 150, y: 100 };
  return { dx: Math.sin(phase) * reach.x, dy: Math.sin(phase * 2) * reach.y, scale: 1 };
}

/**
 * Calls `step` once per animation frame and counts frames for MEASURE_MS after a warm-up. What
 * `step` schedules (Konva draws on the next frame) slows the frames down as much as it costs.
 */
export function measureFrames(step: (seconds: number) => void): Promise<BenchResult> {
  return new Promise((resolve) => {
    let start: number | null = null;
    let measureStart: number | null = null;
    let last = 0;
    let frames = 0;
    let worst = 0;
    const frame = (now: number) => {
      start ??= now;
      step((now - start) / 1000);
      if (now - start >= WARM_UP_MS) {
        if (measureStart === null) measureStart = now;
        else {
          frames += 1;
          worst = Math.max(worst, now - last);
        }
        last = now;
        if (now - measureStart >= MEASURE_MS) {
          resolve({ fps: (frames * 1000) / (now - measureStart), frames, worstFrameMs: worst });
          return;
        }
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}
