import { applyDecorators, Controller, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/auth/decorators';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard } from './console.guard';

export const CONSOLE_ANONYMOUS = 'sakip:consoleAnonymous';
/** Marks the console's controllers: HTML pages outside the API (the API access matrix skips them; test/console has their own). */
export const CONSOLE_CONTROLLER = 'sakip:consoleController';

/**
 * A controller of the web console under /konsol. The API's bearer guard steps aside (@Public) and ConsoleGuard takes
 * over: cookie session, CSRF on every non-GET request, and the same deny-by-default @RequirePermission check.
 * Errors become HTML pages (ConsoleExceptionFilter); the routes stay out of the OpenAPI document.
 */
export const ConsoleController = (path = '') =>
  applyDecorators(
    Controller(path ? `konsol/${path}` : 'konsol'),
    SetMetadata(CONSOLE_CONTROLLER, true),
    Public(),
    ApiExcludeController(),
    UseGuards(ConsoleGuard),
    UseFilters(ConsoleExceptionFilter),
  );

/** A console page reachable without a session (the login page only). */
export const ConsoleAnonymous = () => SetMetadata(CONSOLE_ANONYMOUS, true);
