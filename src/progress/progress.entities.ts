import { HistoricalResult } from './entities/historical-result.entity';
import { RegionTarget } from './entities/region-target.entity';
import { ResultPublication } from './entities/result-publication.entity';

export const PROGRESS_ENTITIES = [HistoricalResult, RegionTarget, ResultPublication];
