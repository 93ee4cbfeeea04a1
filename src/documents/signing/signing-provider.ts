import { DomainError, InvalidStateError, UnprocessableError } from '../../common/errors/domain-error';

/** What a provider needs to sign one PDF for one signer. */
export interface SignRequest {
  pdf: Buffer;
  /** Printed name of the signer (goes into the signature dictionary). */
  signerName: string;
  /** Place of signing (the region's seat). */
  location: string;
  reason: string;
  /**
   * The signer's own credentials for a gateway (NIK + passphrase). Used for this one call only: never stored,
   * never logged, never echoed in an error.
   */
  credentials?: { nik: string; passphrase: string };
}

/** Signs a PDF and returns the signed PDF (an incremental update: earlier signatures stay valid). */
export interface SigningProvider {
  readonly name: string;
  /** True when the signer must present a NIK and passphrase (gateway). */
  readonly needsCredentials: boolean;
  sign(req: SignRequest): Promise<Buffer>;
}

export const SIGNING_PROVIDER = Symbol('SIGNING_PROVIDER');

export class SigningNotConfiguredError extends InvalidStateError {
  constructor() {
    super('SIGNING_NOT_CONFIGURED', 'Electronic signing is not configured on this server (SIGNING_PROVIDER=none)');
  }
}

export class SigningGatewayUnavailableError extends DomainError {
  constructor(detail: string) {
    super(
      'SIGNING_GATEWAY_UNAVAILABLE',
      'upstream',
      `The signing gateway is not available (${detail}); try again later`,
    );
  }
}

export class SigningRefusedError extends UnprocessableError {
  constructor(detail: string) {
    super('SIGNING_REFUSED', `The signing gateway refused to sign: ${detail}`);
  }
}

export class SigningCertificateError extends DomainError {
  constructor() {
    super(
      'SIGNING_CERTIFICATE_UNUSABLE',
      'upstream',
      'The signing certificate cannot be used; the administrator must check SIGNING_P12_PATH and SIGNING_P12_PASSPHRASE',
    );
  }
}

/** SIGNING_PROVIDER=none: every signing request is refused with a clear code. */
export class NoSigningProvider implements SigningProvider {
  readonly name = 'none';
  readonly needsCredentials = false;
  sign(): Promise<Buffer> {
    return Promise.reject(new SigningNotConfiguredError());
  }
}
