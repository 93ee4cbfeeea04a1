import type { NextFunction, Request, Response } from 'express';

/**
 * How deeply a request body may nest objects and arrays. Our bodies need three levels; 32 is generous and keeps
 * every recursive step after parsing (class-transformer, class-validator) far from the stack limit.
 */
export const MAX_BODY_DEPTH = 32;

/** True when `value` nests objects/arrays more than `max` levels (`{}` and `[]` are level 1); iterative, any depth. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > max) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}

/**
 * Runs right after the body parsers (JSON.parse itself does not recurse): a body nested deeper than MAX_BODY_DEPTH
 * is refused with 400 BODY_TOO_DEEP before anything walks it recursively.
 */
export function refuseDeepBodies(req: Request, _res: Response, next: NextFunction): void {
  if (!nestsDeeperThan(req.body, MAX_BODY_DEPTH)) return next();
  next(Object.assign(new Error('body nested too deeply'), { status: 400, type: 'entity.too.deep' }));
}
