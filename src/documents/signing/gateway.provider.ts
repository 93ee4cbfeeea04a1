import {
  SigningGatewayUnavailableError,
  SigningRefusedError,
  type SignRequest,
  type SigningProvider,
} from './signing-provider';
import { UnprocessableError } from '../../common/errors/domain-error';

export interface GatewaySettings {
  baseUrl: string;
  user?: string;
  password?: string;
  timeoutMs: number;
}

/** The path of the signing call, in the shape of the national e-signature gateway used by Pemda. */
export const GATEWAY_SIGN_PATH = '/api/sign/pdf';

/** A short, safe reason from a gateway's error body (its own message field, else the status). */
async function refusalReason(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).slice(0, 2000);
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    const message = typeof body.error === 'string' ? body.error : body.message;
    if (typeof message === 'string' && message.trim()) return message.trim().slice(0, 200);
  } catch {
    /* not JSON */
  }
  return `HTTP ${res.status}`;
}

/**
 * SIGNING_PROVIDER=gateway: POSTs multipart/form-data (file, nik, passphrase, tampilan=invisible) with HTTP Basic
 * client credentials to <SIGNING_GATEWAY_URL>/api/sign/pdf and expects the signed PDF back.
 * Down, timed out, 5xx or a non-PDF answer → 502 SIGNING_GATEWAY_UNAVAILABLE; 4xx (wrong passphrase, unknown
 * NIK, expired certificate) → 422 SIGNING_REFUSED with the gateway's reason. The passphrase is sent, never kept.
 */
export class GatewayProvider implements SigningProvider {
  readonly name = 'gateway';
  readonly needsCredentials = true;

  constructor(private readonly settings: GatewaySettings) {}

  async sign(req: SignRequest): Promise<Buffer> {
    if (!req.credentials)
      throw new UnprocessableError('SIGNING_CREDENTIALS_REQUIRED', 'Send the signer’s nik and passphrase', [
        { field: 'passphrase', messages: ['NIK dan passphrase penanda tangan wajib diisi.'] },
      ]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(req.pdf)], { type: 'application/pdf' }), 'dokumen.pdf');
    form.append('nik', req.credentials.nik);
    form.append('passphrase', req.credentials.passphrase);
    form.append('tampilan', 'invisible');
    form.append('reason', req.reason);
    form.append('location', req.location);
    const headers: Record<string, string> = {};
    if (this.settings.user !== undefined)
      headers.Authorization = `Basic ${Buffer.from(`${this.settings.user}:${this.settings.password ?? ''}`).toString('base64')}`;
    let res: Response;
    try {
      res = await fetch(`${this.settings.baseUrl.replace(/\/+$/, '')}${GATEWAY_SIGN_PATH}`, {
        method: 'POST',
        body: form,
        headers,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      throw new SigningGatewayUnavailableError(timedOut ? 'no answer in time' : 'connection failed');
    }
    if (res.status >= 400 && res.status < 500) throw new SigningRefusedError(await refusalReason(res));
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new SigningGatewayUnavailableError(`HTTP ${res.status}`);
    }
    const signed = Buffer.from(await res.arrayBuffer());
    if (signed.subarray(0, 5).toString('latin1') !== '%PDF-' || signed.length < req.pdf.length)
      throw new SigningGatewayUnavailableError('the answer is not a signed PDF');
    return signed;
  }
}
