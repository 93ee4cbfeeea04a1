import { Region } from './entities/region.entity';
import { Skpd } from './entities/skpd.entity';

export const ORGANIZATION_ENTITIES = [Region, Skpd];
