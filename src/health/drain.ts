import { Injectable } from '@nestjs/common';
import type { Server, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { assignCorrelationId } from '../common/http/correlation-id';

/**
 * Graceful shutdown of one replica. Once draining: /health and every new request answer 503 with
 * `Connection: close` (so a load balancer stops sending), idle kept-alive connections are closed, requests in flight
 * finish and close their connection, and whatever is still open after the grace period is cut.
 */
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

  /** Stops taking requests and resolves once every connection is closed, or after `graceMs` when the rest is cut. */
  async drain(server: Server, graceMs: number): Promise<void> {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    await closed;
    clearTimeout(cut);
  }
}
