import { randomBytes } from 'node:crypto';
import { constants as fsc } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { blobPath } from './domain/evidence-file';

/**
 * Content-addressed blob store under STORAGE_DIR/evidence: `ab/cd/<sha256>`. A blob is written to a temp file in
 * the same filesystem, flushed, then renamed into place, so readers never see a partial file and identical content
 * is stored once. Paths come only from a validated sha256, never from a client-supplied name.
 */
@Injectable()
export class EvidenceStorage {
  readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.STORAGE_DIR, 'evidence');
  }

  pathOf(sha256: string): string {
    return join(this.root, ...blobPath(sha256));
  }

  async exists(sha256: string, size: number): Promise<boolean> {
    try {
      const s = await stat(this.pathOf(sha256));
      return s.isFile() && s.size === size;
    } catch {
      return false;
    }
  }

  /** Stores the content unless an intact copy is already there. */
  async put(sha256: string, content: Buffer): Promise<void> {
    if (await this.exists(sha256, content.length)) return;
    const target = this.pathOf(sha256);
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true, mode: 0o750 });
    await mkdir(join(target, '..'), { recursive: true, mode: 0o750 });
    const tmp = join(tmpDir, `${sha256}.${randomBytes(8).toString('hex')}.part`);
    let handle: FileHandle | undefined;
    try {
      handle = await open(tmp, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o640);
      await handle.writeFile(content);
      await handle.sync();
      await handle.close();
      handle = undefined;
      await rename(tmp, target);
    } catch (err) {
      await handle?.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw err;
    }
  }

  /** Opens a blob for reading; null when it is missing (reported by the caller). */
  async open(sha256: string): Promise<FileHandle | null> {
    try {
      return await open(this.pathOf(sha256), fsc.O_RDONLY);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
}
