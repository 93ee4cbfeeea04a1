import { EvaluationAnswer } from './entities/evaluation-answer.entity';
import { EvaluationOfficialScore } from './entities/evaluation-official-score.entity';
import { EvaluationRecommendation } from './entities/evaluation-recommendation.entity';
import { Evaluation } from './entities/evaluation.entity';

export const EVALUATION_ENTITIES = [Evaluation, EvaluationAnswer, EvaluationOfficialScore, EvaluationRecommendation];
