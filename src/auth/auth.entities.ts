import { LoginThrottle } from './entities/login-throttle.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';

export const AUTH_ENTITIES = [User, RefreshToken, LoginThrottle];
