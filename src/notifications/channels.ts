import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { DEFAULT_GATEWAY_TEMPLATE, renderGatewayTemplate } from './domain/gateway-template';

/** A send that must not be retried (the gateway answered 4xx, the address is refused). */
export class PermanentDeliveryError extends Error {}

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  title: string;
  body: string;
  link: string | null;
}

/** E-mail over SMTP (nodemailer); not configured without SMTP_URL. */
@Injectable()
export class MailChannel implements OnModuleDestroy {
  private readonly transport: Transporter | null;
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  async send(m: OutgoingMessage): Promise<void> {
    if (!this.transport) throw new PermanentDeliveryError('e-mail is not configured');
    try {
      await this.transport.sendMail({
        from: this.config.SMTP_FROM,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
      });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600) throw new PermanentDeliveryError(`SMTP ${code}`);
      throw err;
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}

/** An HTTP gateway (WhatsApp-style): POST JSON with a Bearer token; 5xx and network errors retry, 4xx do not. */
@Injectable()
export class GatewayChannel {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.GATEWAY_URL);
  }

  async send(m: OutgoingMessage): Promise<void> {
    if (!this.config.GATEWAY_URL) throw new PermanentDeliveryError('gateway is not configured');
    const res = await fetch(this.config.GATEWAY_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.config.GATEWAY_TOKEN ? { authorization: `Bearer ${this.config.GATEWAY_TOKEN}` } : {}),
      },
      body: JSON.stringify({ to: m.to, title: m.title, message: this.messageOf(m), link: m.link }),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 400 && res.status < 500) throw new PermanentDeliveryError(`gateway answered ${res.status}`);
    if (!res.ok) throw new Error(`gateway answered ${res.status}`);
  }

  /** The message text from GATEWAY_TEMPLATE (validated at start), or the notification's text alone. */
  private messageOf(m: OutgoingMessage): string {
    return renderGatewayTemplate(this.config.GATEWAY_TEMPLATE ?? DEFAULT_GATEWAY_TEMPLATE, {
      judul: m.title,
      pesan: m.body,
      tautan: m.link,
    });
  }
}
