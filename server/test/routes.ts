import type { Express } from 'express';

export interface MountedRoute {
  method: string;
  /** Express path syntax, e.g. `/api/drawings/:id`. */
  path: string;
}

interface Layer {
  rawPath?: string | string[];
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method and path the app answers, read from Express's own router stack. */
export function listMountedRoutes(app: Express): MountedRoute[] {
  const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  return collect(stack, '');
}

function collect(stack: Layer[], prefix: string): MountedRoute[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = joinPath(prefix, layer.route.path);
      return Object.keys(layer.route.methods)
        .filter((method) => method !== '_all')
        .map((method) => ({ method: method.toUpperCase(), path }));
    }
    const nested = layer.handle?.stack;
    if (!nested) return [];
    const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '';
    return collect(nested, joinPath(prefix, mount));
  });
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
