/** Migrations in the order they run; each file builds its tables with the QueryRunner API, valid on SQLite and MySQL. */
import { Organization1763900000000 } from './1763900000000-organization';

export const ALL_MIGRATIONS = [Organization1763900000000];
