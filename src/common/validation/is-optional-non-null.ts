import { ValidateIf } from 'class-validator';

/**
 * An optional field that may be omitted but not sent as null: null is validated like any other value, so
 * `{"name": null}` is a 400 naming the field instead of reaching a NOT NULL column. (@IsOptional lets null through;
 * keep it only where null means something, e.g. "clear this nullable column".)
 */
export const IsOptionalNonNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
