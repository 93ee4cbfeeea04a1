import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import type { FileHandle } from 'node:fs/promises';
import { AuditService } from '../audit/audit.service';
import { DomainError, NotFoundError, UnprocessableError } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/filters/to-error-body';
import { type Page, paginate } from '../common/http/pagination';
import { assertSkpdWritable, regionOf, scoped, type TenantScope } from '../common/tenancy/tenant-scope';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { SkpdService } from '../organization/skpd.service';
import { EvidenceQueryDto, EvidenceResponseDto, toEvidenceResponse, UploadEvidenceDto } from './dto/evidence.dto';
import {
  contentDisposition,
  downloadName,
  type EvidenceExt,
  isTraversalName,
  sanitizeFileName,
} from './domain/evidence-file';
import { EvidenceFile } from './entities/evidence-file.entity';
import { EvidenceItem } from './entities/evidence-item.entity';
import { EvidenceLink } from './entities/evidence-link.entity';
import { EvidenceStorage } from './evidence-storage';
import { sniffUpload } from './upload-sniff';

/** The part of a multer file the service reads (memory storage). */
export interface UploadedContent {
  buffer: Buffer;
  originalname: string;
  size: number;
}

export interface EvidenceDownload {
  handle: FileHandle;
  mime: string;
  size: number;
  disposition: string;
}

/** Uploads, lists and serves evidence (bukti dukung). Linking to other records is EvidenceLinkService. */
@Injectable()
export class EvidenceService {
  private readonly logger = new Logger(EvidenceService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(EvidenceItem) private readonly items: Repository<EvidenceItem>,
    @InjectRepository(EvidenceFile) private readonly files: Repository<EvidenceFile>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: EvidenceStorage,
    private readonly skpd: SkpdService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Validates everything first (tenant, size, file name, sniffed type, zip safety), and only then stores: content once per
   * sha256 on disk and in evidence_files, plus one evidence_items row for this upload. A refused upload stores nothing.
   */
  async upload(
    scope: TenantScope,
    content: UploadedContent | undefined,
    dto: UploadEvidenceDto,
  ): Promise<EvidenceResponseDto> {
    const regionId = regionOf(scope);
    const skpdId = await this.targetSkpd(scope, dto.skpdId);
    if (!content) throw new UnprocessableError('FILE_REQUIRED', 'Send the file in the multipart field "file"');
    const buf = content.buffer;
    if (buf.length === 0) throw new UnprocessableError('EMPTY_FILE', 'The file is empty');
    if (buf.length > this.config.UPLOAD_MAX_BYTES)
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        'invalid',
        `The file is larger than ${this.config.UPLOAD_MAX_BYTES} bytes`,
      );

    if (isTraversalName(content.originalname))
      throw new UnprocessableError('UNSAFE_FILE_NAME', 'The file name must not contain directory parts such as ".."');

    const type = await this.sniff(buf);
    const sha256 = createHash('sha256').update(buf).digest('hex');
    const originalName = sanitizeFileName(content.originalname, type.ext);

    await this.storage.put(sha256, buf);
    const file = await this.ensureFileRow(sha256, buf.length, type);
    return this.db.transaction(async (m) => {
      const item = m.create(EvidenceItem, {
        regionId,
        skpdId,
        fileId: file.id,
        originalName,
        uploadedBy: scope.userId,
      });
      await m.save(item);
      const response = toEvidenceResponse(item, file);
      await this.audit.record(m, scope, {
        action: 'CREATE',
        entity: 'EvidenceItem',
        entityId: item.id,
        regionId,
        after: response,
      });
      return response;
    });
  }

  list(scope: TenantScope, query: EvidenceQueryDto): Promise<Page<EvidenceResponseDto>> {
    const qb = this.visible(scope);
    if (query.skpdId) qb.andWhere('i.skpdId = :skpdId', { skpdId: query.skpdId });
    if (query.ext) qb.andWhere('f.ext = :ext', { ext: query.ext });
    if (query.q) qb.andWhere('i.originalName LIKE :q', { q: `%${query.q.replace(/[%_\\]/g, '')}%` });
    if (query.targetType || query.targetId) {
      if (!query.targetType || !query.targetId)
        throw new UnprocessableError('TARGET_INCOMPLETE', 'targetType and targetId must be given together');
      qb.andWhere(
        (sub) =>
          'i.id IN ' +
          sub
            .subQuery()
            .select('l.evidenceItemId')
            .from(EvidenceLink, 'l')
            .where('l.regionId = :lRegion AND l.targetType = :tType AND l.targetId = :tId')
            .getQuery(),
        { lRegion: regionOf(scope), tType: query.targetType, tId: query.targetId },
      );
    }
    return paginate(qb, { ...query, sort: query.sort ?? '-createdAt' }, ['createdAt', 'originalName'], (i) =>
      toEvidenceResponse(i, i.file!),
    );
  }

  async get(scope: TenantScope, id: string): Promise<EvidenceResponseDto> {
    const item = await this.findVisible(scope, id);
    return toEvidenceResponse(item, item.file!);
  }

  /** Opens the content of an item the caller may see; the controller streams it as an attachment. */
  async openDownload(scope: TenantScope, id: string): Promise<EvidenceDownload> {
    const item = await this.findVisible(scope, id);
    const file = item.file!;
    const handle = await this.storage.open(file.sha256);
    if (!handle) {
      this.logger.error({ evidenceItemId: id, sha256: file.sha256 }, 'evidence content missing from storage');
      throw new DomainError(
        'EVIDENCE_CONTENT_MISSING',
        'state',
        'The stored content of this evidence is missing; contact the administrator',
      );
    }
    return {
      handle,
      mime: file.mime,
      size: Number(file.size),
      disposition: contentDisposition(downloadName(item.originalName, file.ext as EvidenceExt)),
    };
  }

  /**
   * Stores content the service produced itself (a signed PDF) once by sha256, like an upload's content, and returns
   * its evidence_files row. No evidence_items row: the caller links the file to its own record.
   */
  async storeContent(content: Buffer, type: { ext: EvidenceExt; mime: string }): Promise<EvidenceFile> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    await this.storage.put(sha256, content);
    return this.ensureFileRow(sha256, content.length, type);
  }

  /** The stored bytes of a sha256 (documents the service signed); a missing blob is reported, never a 500. */
  async readContent(sha256: string): Promise<Buffer> {
    const handle = await this.storage.open(sha256);
    if (!handle) {
      this.logger.error({ sha256 }, 'stored content missing from storage');
      throw new DomainError(
        'EVIDENCE_CONTENT_MISSING',
        'state',
        'The stored file is missing; contact the administrator',
      );
    }
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  /** An item (with its file) in the caller's tenant; planners only their SKPD's. Anything else is a 404. */
  async findVisible(scope: TenantScope, id: string): Promise<EvidenceItem> {
    const item = await this.visible(scope).andWhere('i.id = :id', { id }).getOne();
    if (!item) throw new NotFoundError('Evidence');
    return item;
  }

  private visible(scope: TenantScope): SelectQueryBuilder<EvidenceItem> {
    return scoped(
      this.items.createQueryBuilder('i').innerJoinAndMapOne('i.file', EvidenceFile, 'f', 'f.id = i.fileId'),
      scope,
      {
        skpdColumn: 'skpdId',
      },
    );
  }

  /** Planners upload for their own SKPD; region-wide roles name an SKPD of their region, or none (region-level evidence). */
  private async targetSkpd(scope: TenantScope, requested: string | undefined): Promise<string | null> {
    if (scope.skpdId) {
      if (requested) assertSkpdWritable(scope, requested);
      return scope.skpdId;
    }
    if (!requested) return null;
    return (await this.skpd.findVisible(scope, requested)).id;
  }

  /** The accepted type read from the content; Office files must also pass the zip-bomb guard. */
  private async sniff(buf: Buffer): Promise<{ ext: EvidenceExt; mime: string }> {
    const type = await sniffUpload(buf);
    if (!type)
      throw new UnprocessableError(
        'UNSUPPORTED_FILE_TYPE',
        'Only PDF, XLSX, DOCX, JPG and PNG files are accepted (the type is read from the content, not the name)',
      );
    return type;
  }

  /** The evidence_files row of this content, created on first upload (a concurrent insert of the same content is re-read). */
  private async ensureFileRow(
    sha256: string,
    size: number,
    type: { ext: string; mime: string },
  ): Promise<EvidenceFile> {
    const existing = await this.files.findOneBy({ sha256 });
    if (existing) return existing;
    try {
      return await this.files.save(this.files.create({ sha256, size, mime: type.mime, ext: type.ext }));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return this.files.findOneByOrFail({ sha256 });
    }
  }
}
