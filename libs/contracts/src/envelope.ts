import {
  Equals,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { UNIT_CODE_PATTERN } from './unit-code';

/**
 * CloudEvents 1.0 structured-mode envelope shared by every event. `id` is the idempotency key consumers
 * record in their inbox; `subject` is the aggregate id; `unitcode` the administrative unit it concerns.
 */
export class EventEnvelope<T extends object = object> {
  @Equals('1.0') specversion!: '1.0';
  @IsUUID() id!: string;
  @IsString() @MinLength(3) type!: string;
  @IsString() @MinLength(1) source!: string;
  @IsString() @MinLength(1) @MaxLength(200) subject!: string;
  @IsISO8601({ strict: true }) time!: string;
  @Equals('application/json') datacontenttype!: 'application/json';
  @IsString() @Matches(/^\d+$/) dataversion!: string;
  @Matches(UNIT_CODE_PATTERN, { message: 'unitcode must be 1-32 letters, digits, dots or dashes' })
  unitcode!: string;
  @IsOptional() @IsString() @MaxLength(100) correlationid?: string;
  @IsOptional() @IsString() @MaxLength(100) causationid?: string;
  @IsObject() data!: T;
}

export type SourceService = 'queue' | 'dossier' | 'survey' | 'rating' | 'notify';
