import { Between, In, type EntityManager } from 'typeorm';
import type { Region } from '../organization/entities/region.entity';
import type {
  PembinaanHistoryDto,
  PembinaanRecommendationResponseDto,
  PembinaanResponseDto,
} from './dto/pembinaan.dto';
import { PembinaanRecommendation } from './entities/pembinaan-recommendation.entity';
import { PembinaanVisit } from './entities/pembinaan-visit.entity';

export const toRecommendationJson = (r: PembinaanRecommendation): PembinaanRecommendationResponseDto => ({
  id: r.id,
  ordinal: r.ordinal,
  text: r.text,
  dueDate: r.dueDate,
  followUp: r.followUp,
  status: r.status,
  followedUpAt: r.followedUpAt?.toISOString() ?? null,
  version: r.version,
});

export const toPembinaanJson = (v: PembinaanVisit, recs: readonly PembinaanRecommendation[]): PembinaanResponseDto => ({
  id: v.id,
  regionId: v.regionId,
  date: v.visitDate,
  topic: v.topic,
  findings: v.findings,
  recommendations: recs
    .filter((r) => r.visitId === v.id)
    .sort((a, b) => a.ordinal - b.ordinal)
    .map(toRecommendationJson),
});

/**
 * The pembinaan history of one kabupaten/kota (the caller has already proven it may see `region`), newest first,
 * optionally only one year's. Shared by the API (both sides) and the progress workbook.
 */
export async function pembinaanHistory(m: EntityManager, region: Region, year?: number): Promise<PembinaanHistoryDto> {
  const visits = await m.find(PembinaanVisit, {
    where: { regionId: region.id, ...(year ? { visitDate: Between(`${year}-01-01`, `${year}-12-31`) } : {}) },
    order: { visitDate: 'DESC', createdAt: 'DESC', id: 'ASC' },
  });
  const recs = visits.length
    ? await m.find(PembinaanRecommendation, { where: { visitId: In(visits.map((v) => v.id)), regionId: region.id } })
    : [];
  const count = (status: string) => recs.filter((r) => r.status === status).length;
  return {
    regionId: region.id,
    regionName: region.name,
    summary: {
      visits: visits.length,
      recommendations: recs.length,
      open: count('OPEN'),
      inProgress: count('IN_PROGRESS'),
      done: count('DONE'),
    },
    items: visits.map((v) => toPembinaanJson(v, recs)),
  };
}
