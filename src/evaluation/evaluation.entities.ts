import { EvaluationAnswer } from './entities/evaluation-answer.entity';
import { EvaluationOfficialScore } from './entities/evaluation-official-score.entity';
import { EvaluationRecommendation } from './entities/evaluation-recommendation.entity';
import { EvaluationStageScore } from './entities/evaluation-stage-score.entity';
import { Evaluation } from './entities/evaluation.entity';
import { RuleSetSnapshot } from './entities/rule-set-snapshot.entity';

export const EVALUATION_ENTITIES = [
  Evaluation,
  EvaluationAnswer,
  EvaluationOfficialScore,
  EvaluationRecommendation,
  RuleSetSnapshot,
  EvaluationStageScore,
];
