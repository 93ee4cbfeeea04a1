import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { UnprocessableError } from '../common/errors/domain-error';
import { passwordProblems } from './domain/password-policy';

/** argon2id hashing (OWASP parameters) and the password policy. */
@Injectable()
export class PasswordService {
  hash(password: string, username: string): Promise<string> {
    const problems = passwordProblems(password, username);
    if (problems.length)
      throw new UnprocessableError('WEAK_PASSWORD', 'The password does not meet the policy', [
        { field: 'password', messages: problems },
      ]);
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
