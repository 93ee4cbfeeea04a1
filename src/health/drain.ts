import { Injectable } from '@nestjs/common';
import type { Server, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { assignCorrelationId } from '../common/http/correlation-id';

/**
 * Graceful shutdown of one replica. Once draining: /health and every new request answer 503 with
 * `Connection: close` (so a load balancer stops sending), idle kept-alive connections are closed, requests in flight
 * finish and close their connection, and whatever is still open after the grace period is cut.
 */
/** How long a draining instance still answers 503 before it stops listening. */
const NOTICE_MS = 5000;

@Injectable()
export class Drain {
  private draining = false;
  private readonly inFlight = new Set<ServerResponse>();

  /** First middleware of the app: refuses new requests while draining and tracks the ones in flight. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (this.draining) {
      res.setHeader('Connection', 'close');
      res.status(503).json({
        statusCode: 503,
        code: 'SHUTTING_DOWN',
        message: 'This instance is shutting down; retry the request',
        correlationId: assignCorrelationId(req, res),
      });
      return;
    }
    this.inFlight.add(res);
    res.on('close', () => this.inFlight.delete(res));
    next();
  };

  /**
   * Stops taking requests and resolves once every connection is closed, or after `graceMs` when the rest is cut.
   * For the first part of the grace period (the notice, at most 5 s) the instance keeps listening and answers every
   * new request — /health included, and requests on kept-alive connections — with 503 and `Connection: close`, so a
   * load balancer sees it leave instead of a refused connection; then it stops listening and closes idle connections.
   */
  async drain(server: Server, graceMs: number): Promise<void> {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    await new Promise((resolve) => setTimeout(resolve, Math.min(NOTICE_MS, graceMs / 2)));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    clearTimeout(cut);
  }
}
