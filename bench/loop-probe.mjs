// Preloaded (`node --import`) into the production build by the benchmarks: reports the process's
// event-loop delay when the parent asks over IPC. Plain JavaScript: production runs no tsx.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
process.on('message', (message) => {
  if (message === 'reset') delay.reset();
  if (message === 'stats') {
    process.send?.({ p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 });
  }
});
// The IPC channel must not keep a process alive that wants to exit.
process.channel?.unref();
