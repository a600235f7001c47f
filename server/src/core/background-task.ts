/**
 * Work that runs beside the HTTP server, such as the webhook worker: main.ts starts each task
 * once the server listens and stops it (letting the work in hand finish) before the database
 * closes.
 */
export interface BackgroundTask {
  name: string;
  start(): void;
  stop(): Promise<void>;
}
