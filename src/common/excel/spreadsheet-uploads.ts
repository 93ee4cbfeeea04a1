import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';

/**
 * Multer for spreadsheet imports: the upload stays in memory, capped at UPLOAD_MAX_BYTES, one file and a token
 * field at most. Import it into a module whose controller takes `@UploadedFile()` workbooks.
 */
export const spreadsheetUploads = () =>
  MulterModule.registerAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
      storage: memoryStorage(),
      limits: {
        fileSize: config.UPLOAD_MAX_BYTES,
        files: 1,
        fields: 2,
        parts: 3,
        fieldSize: 1024,
        fieldNameSize: 50,
        headerPairs: 50,
      },
    }),
  });
