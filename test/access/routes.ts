import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { Permission } from '../../src/auth/roles';
import { IS_PUBLIC, REQUIRED_PERMISSION } from '../../src/common/auth/decorators';
import { HTML_PAGE } from '../../src/common/http/html-page';
import { CONSOLE_CONTROLLER } from '../../src/console/console-controller.decorator';

export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Full path with parameters, e.g. /api/v1/skpd/:id */
  path: string;
  isPublic: boolean;
  permission?: Permission;
  /** The DTO classes of the handler's `@Body()` and `@Query()` (undefined when it takes none or a plain object). */
  bodyType?: DtoClass;
  queryType?: DtoClass;
}

export type DtoClass = new () => object;

const UNPREFIXED = new Set(['health']);
const join = (...parts: string[]) =>
  `/${parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;

/** Every controller route of the running app, read from Nest's metadata, so a new route cannot escape the matrix. */
export function discoverRoutes(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      // The web console's pages (cookie session, HTML) are not API routes; test/console/console-access walks them.
      // So are other HTML pages for people (the public document verification page).
      if (
        !controller ||
        Reflect.getMetadata(CONSOLE_CONTROLLER, controller) ||
        Reflect.getMetadata(HTML_PAGE, controller)
      )
        continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] as RouteInfo['method'];
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const path = UNPREFIXED.has(base) ? join(base, sub) : join('api/v1', base, sub);
        const meta = (key: string) => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
        routes.push({
          method,
          path,
          isPublic: meta(IS_PUBLIC) === true,
          permission: meta(REQUIRED_PERMISSION),
          bodyType: argumentType(controller, name, RouteParamtypes.BODY),
          queryType: argumentType(controller, name, RouteParamtypes.QUERY),
        });
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** The DTO class of a handler's whole `@Body()` / `@Query()` argument, from Nest's and TypeScript's metadata. */
function argumentType(
  controller: abstract new (...args: never[]) => unknown,
  handler: string,
  kind: RouteParamtypes,
): DtoClass | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, handler) ?? []) as unknown[];
  const arg = Object.entries(args).find(([key, a]) => key.startsWith(`${kind}:`) && a.data === undefined)?.[1];
  const type = arg && types[arg.index];
  return typeof type === 'function' && type !== Object ? (type as DtoClass) : undefined;
}

/** The path's parameters as "<segment before>/:<param>" keys, e.g. /api/v1/skpd/:id/x → ["skpd/:id"]. */
export const paramKeys = (path: string): string[] =>
  [...path.matchAll(/([^/]+)\/(:[A-Za-z]+)/g)].map((m) => `${m[1]}/${m[2]}`);

export const fillPath = (path: string, idFor: (key: string) => string): string =>
  path.replace(/([^/]+)\/(:[A-Za-z]+)/g, (_all, seg: string, param: string) => `${seg}/${idFor(`${seg}/${param}`)}`);
