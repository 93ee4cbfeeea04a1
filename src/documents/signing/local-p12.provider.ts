import { readFile } from 'node:fs/promises';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import signpdf from '@signpdf/signpdf';
import { SigningCertificateError, type SignRequest, type SigningProvider } from './signing-provider';

/** Room for the CMS signature (certificate chain included) in the placeholder, in bytes. */
const SIGNATURE_LENGTH = 16_384;

/** Adds an invisible signature field and fills it with a detached CAdES signature (PAdES baseline) by the p12. */
export async function signWithP12(req: Omit<SignRequest, 'credentials'>, p12: Buffer, passphrase: string) {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: req.pdf,
    reason: req.reason,
    contactInfo: '',
    name: req.signerName,
    location: req.location,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: 'ETSI.CAdES.detached', // PAdES baseline (ETSI EN 319 142)
  });
  return signpdf.sign(withPlaceholder, new P12Signer(p12, { passphrase }));
}

/**
 * SIGNING_PROVIDER=local-p12: signs with the region's or deployment's own PKCS#12 certificate (a region with its
 * own CA, or tests). Every signer's signature is made with this one certificate; the signer's name and role are in
 * the signature's Name and Reason and on the verification page.
 */
export class LocalP12Provider implements SigningProvider {
  readonly name = 'local-p12';
  readonly needsCredentials = false;

  constructor(
    private readonly path: string,
    private readonly passphrase: string,
  ) {}

  async sign(req: SignRequest): Promise<Buffer> {
    let p12: Buffer;
    try {
      p12 = await readFile(this.path);
    } catch {
      throw new SigningCertificateError();
    }
    try {
      return await signWithP12(req, p12, this.passphrase);
    } catch (err) {
      // A wrong passphrase or a file that is no PKCS#12 surfaces here; the text may name the file, never the secret.
      if (err instanceof Error && /pkcs|asn|mac|password|passphrase|key/i.test(err.message))
        throw new SigningCertificateError();
      throw err;
    }
  }
}
