import { BudgetLine } from './entities/budget-line.entity';
import { BudgetNodeLink } from './entities/budget-node-link.entity';
import { BudgetSettings } from './entities/budget-settings.entity';
import { NomenclatureEntry } from './entities/nomenclature-entry.entity';

export const BUDGET_ENTITIES = [NomenclatureEntry, BudgetLine, BudgetNodeLink, BudgetSettings];
