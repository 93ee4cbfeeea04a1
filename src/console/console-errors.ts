import { DomainError } from '../common/errors/domain-error';

/** No valid console session: the filter redirects to the login page, coming back to `returnTo` afterwards. */
export class LoginRequiredError extends DomainError {
  constructor(readonly returnTo: string | null) {
    super('LOGIN_REQUIRED', 'unauthorized', 'Log in to open the console');
  }
}

/** A form without a valid CSRF token (forged, or the page was open across a login/logout). */
export class CsrfRejectedError extends DomainError {
  constructor() {
    super('CSRF_REJECTED', 'forbidden', 'The form token is missing or expired');
  }
}
