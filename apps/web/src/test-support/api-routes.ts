import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const apiDir = fileURLToPath(new URL('../app/api/', import.meta.url));
export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof httpMethods)[number];

export interface ApiRouteFile {
  /** URL pattern such as /api/users/[userId]. */
  pattern: string;
  file: string;
  segments: string[];
}

/** Every API route, found from the route files on disk: a new route is covered without editing a list. */
export function listApiRoutes(): ApiRouteFile[] {
  return readdirSync(apiDir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => /(^|\/)route\.ts$/.test(entry))
    .map((entry) => {
      const segments = ['api', ...entry.split('/').slice(0, -1)];
      return { pattern: `/${segments.join('/')}`, file: `${apiDir}${entry}`, segments };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

type RouteHandler = (req: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The methods a route file exports, with their handlers. */
export async function loadRouteHandlers(
  route: ApiRouteFile,
): Promise<Partial<Record<HttpMethod, RouteHandler>>> {
  const module = (await import(route.file)) as Record<string, unknown>;
  return Object.fromEntries(
    httpMethods
      .filter((method) => typeof module[method] === 'function')
      .map((method) => [method, module[method]]),
  ) as Partial<Record<HttpMethod, RouteHandler>>;
}

/**
 * Finds the route for a concrete path, with its dynamic segment values. As in
 * Next.js, a static segment wins over a dynamic one (`/runs/x/failures` is the
 * failures route, not `/runs/[runId]/[action]`).
 */
export function matchRoute(
  routes: ApiRouteFile[],
  path: string,
): { route: ApiRouteFile; params: Record<string, string> } {
  const parts = path.split('?')[0]!.split('/').filter(Boolean);
  const matches: { route: ApiRouteFile; params: Record<string, string>; staticSegments: number }[] = [];
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let staticSegments = 0;
    const matched = route.segments.every((segment, index) => {
      const dynamic = /^\[(.+)\]$/.exec(segment);
      if (dynamic) {
        params[dynamic[1]!] = decodeURIComponent(parts[index]!);
        return true;
      }
      staticSegments += 1;
      return segment === parts[index];
    });
    if (matched) matches.push({ route, params, staticSegments });
  }
  const best = matches.sort((a, b) => b.staticSegments - a.staticSegments)[0];
  if (!best) throw new Error(`No API route matches ${path}`);
  return { route: best.route, params: best.params };
}
