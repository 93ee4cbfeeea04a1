import { DocumentSignature } from './entities/document-signature.entity';
import { SignedDocument } from './entities/signed-document.entity';

export const DOCUMENT_ENTITIES = [SignedDocument, DocumentSignature];
