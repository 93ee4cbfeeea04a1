import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/decorators';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { strongEtag } from '../common/http/etag';
import { DOCX_MIME, sendFile } from '../common/http/file-download';
import { HtmlPages } from '../common/http/html-page';
import { RateWindow } from '../documents/domain/rate-window';
import { NOT_PUBLISHED_HTML, publicPageHtml } from './domain/public-page-html';
import { PublicPagesService } from './public-pages.service';

/** Page views per client IP and process per minute (HTML and JSON together). */
export const PUBLIC_PAGE_RATE = { limit: 120, windowMs: 60_000 };

/**
 * Citizens' pages, no login: GET /publik/:code (HTML), /publik/:code/data.json (the same for other systems) and
 * /publik/:code/lkjip/:year.docx (a published LKjIP).
 * Cacheable with revalidation (ETag, max-age 0) so a withdrawn item disappears on the next request.
 */
@HtmlPages()
@Public()
@Controller('publik')
export class PublicPagesController {
  private readonly views = new RateWindow(PUBLIC_PAGE_RATE.limit, PUBLIC_PAGE_RATE.windowMs);

  constructor(private readonly pages: PublicPagesService) {}

  @Get(':code/data.json')
  async json(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.throttle(req);
    const page = await this.pages.page(code, String(req.id ?? ''));
    this.send(req, res, 'application/json; charset=utf-8', JSON.stringify(page));
  }

  /** A published LKjIP as DOCX (generated on request, so a withdrawn one is a 404 at once). */
  @Get(':code/lkjip/:year.docx')
  async lkjip(
    @Param('code') code: string,
    @Param('year') year: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    this.throttle(req);
    if (!/^\d{4}$/.test(year)) throw new NotFoundError('LKjIP');
    sendFile(res, DOCX_MIME, await this.pages.lkjipFile(code, Number(year), String(req.id ?? '')));
  }

  @Get(':code')
  async html(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.throttle(req);
    try {
      const page = await this.pages.page(code, String(req.id ?? ''));
      const html = publicPageHtml(page, `/publik/${encodeURIComponent(code)}/data.json`);
      this.send(req, res, 'text/html; charset=utf-8', html);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      res.status(404).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.send(NOT_PUBLISHED_HTML);
    }
  }

  private throttle(req: Request): void {
    const wait = this.views.hit(req.ip ?? 'unknown', Date.now());
    if (wait > 0)
      throw new DomainError('TOO_MANY_REQUESTS', 'too_many', 'Too many requests; try again shortly', undefined, {
        'Retry-After': String(wait),
      });
  }

  private send(req: Request, res: Response, type: string, body: string): void {
    const etag = strongEtag(body);
    res.set({ 'Content-Type': type, ETag: etag, 'Cache-Control': 'public, max-age=0, must-revalidate' });
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.status(200).send(body);
  }
}
