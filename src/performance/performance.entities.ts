import { PerformanceSettings } from './entities/performance-settings.entity';
import { Realisation } from './entities/realisation.entity';
import { ReportingWindow } from './entities/reporting-window.entity';
import { WindowReopening } from './entities/window-reopening.entity';

export const PERFORMANCE_ENTITIES = [ReportingWindow, WindowReopening, Realisation, PerformanceSettings];
