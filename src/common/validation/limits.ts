/**
 * The largest value of an INT column on both databases (signed 32 bits). Every integer a client sends that has no
 * tighter bound of its own (versions, rule-set versions) is at most this, so it always fits the column it is compared
 * with or stored in: a larger one is a 400, never a driver error.
 */
export const MAX_INT = 2_147_483_647;
