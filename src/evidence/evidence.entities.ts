import { EvidenceFile } from './entities/evidence-file.entity';
import { EvidenceItem } from './entities/evidence-item.entity';
import { EvidenceLink } from './entities/evidence-link.entity';

export const EVIDENCE_ENTITIES = [EvidenceFile, EvidenceItem, EvidenceLink];
