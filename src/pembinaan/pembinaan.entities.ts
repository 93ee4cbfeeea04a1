import { PembinaanRecommendation } from './entities/pembinaan-recommendation.entity';
import { PembinaanVisit } from './entities/pembinaan-visit.entity';

export const PEMBINAAN_ENTITIES = [PembinaanVisit, PembinaanRecommendation];
