import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/env';
import { dataSourceOptions } from './typeorm-options';

/** For the TypeORM CLI: `npm run migration:run|revert|generate` (same options as the app). */
export default new DataSource(dataSourceOptions(loadConfig()));
