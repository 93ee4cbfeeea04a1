import { Injectable, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, Request, Response } from 'express';
import { toErrorBody } from '../filters/to-error-body';
import { assignCorrelationId } from './correlation-id';

/**
 * Nest answers unknown routes under the API prefix in the error shape; anything else (`/foo`, `/api/v2/x`) fell
 * through to Express's HTML page. Added after Nest's routes, so it only sees what nothing else answered.
 */
@Injectable()
export class NotFoundFallback implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    // The CLIs run the same modules as an application context, with no HTTP server.
    if (!this.adapterHost.httpAdapter) return;
    const express = this.adapterHost.httpAdapter.getInstance<Express>();
    express.use((req: Request, res: Response) => {
      const body = toErrorBody(new NotFoundException(`Cannot ${req.method} ${req.path}`));
      res.status(body.statusCode).json({ ...body, correlationId: assignCorrelationId(req, res) });
    });
  }
}
