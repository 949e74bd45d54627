import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_OFFSET } from './query-limits';

/**
 * Applies decorators as if stacked above a property in this order (a stack applies bottom-up, applyDecorators
 * top-down): the validators then register in the order they did when each DTO wrote them out, so a bad value's
 * messages keep their order.
 */
const stacked = (...decorators: PropertyDecorator[]) => applyDecorators(...decorators.reverse());

/**
 * `limit` of an offset-paged list query: an integer from 1 to `max`. The property keeps its initializer as the
 * default (`limit: number = 100`); `default` here is the same number, for the OpenAPI document.
 */
export const PageLimit = (options: { max: number; default: number }): PropertyDecorator =>
  stacked(
    ApiPropertyOptional({ default: options.default }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(options.max),
  );

/**
 * `offset` of an offset-paged list query: an integer from 0 to MAX_OFFSET (issue #16 row 8: 1e20 is a 400, not
 * a Postgres error). The property keeps its initializer `offset: number = 0`.
 */
export const PageOffset = (): PropertyDecorator =>
  stacked(
    ApiPropertyOptional({ default: 0 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(MAX_OFFSET),
  );
