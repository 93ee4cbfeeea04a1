/** Password rules, checked before hashing. Returns the reasons a password is refused (empty = acceptable). */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('must be at least 10 characters');
  if (password.length > 128) problems.push('must be at most 128 characters');
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) problems.push('must contain letters and digits');
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('must not contain the username');
  return problems;
}
