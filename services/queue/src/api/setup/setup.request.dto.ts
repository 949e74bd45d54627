import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { PRIORITIES, QUEUE_POLICY_LIMITS } from '../../domain';
import { SERVICE_CODE_PATTERN } from '../path-params';

const CLASSES = PRIORITIES.filter((p) => p !== 'NONE');

export class PutServiceRequest {
  @ApiProperty({ example: 'Hộ tịch' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'A', description: '1-3 upper-case letters before the 3-digit number' })
  @Matches(/^[A-Z]{1,3}$/, { message: 'prefix must be 1-3 upper-case letters A-Z' })
  prefix!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    example: 8,
    minimum: 1,
    maximum: 240,
    description:
      'Standard service time of one citizen, in minutes: the wait estimate starts from it and blends in the ' +
      'observed service times as they come (docs/domain.md §Queue). Omitted: the default (5 minutes).',
  })
  @IsOptional()
  @IsInt({ message: 'standardServiceMinutes must be a whole number of minutes' })
  @Min(1)
  @Max(240)
  standardServiceMinutes?: number;
}

export class PutCounterRequest {
  @ApiProperty({ example: 'Quầy 1 - Hộ tịch' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: ['HT', 'CT'], description: 'Service queues this counter calls from' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(SERVICE_CODE_PATTERN, {
    each: true,
    message: 'each service code must be 1-32 letters, digits, dots, dashes or underscores',
  })
  serviceCodes!: string[];
}

export class PutQueuePolicyRequest {
  @ApiPropertyOptional({
    enum: CLASSES,
    isArray: true,
    description: 'Priority classes served first, highest first; unlisted classes count as normal',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CLASSES.length)
  @ArrayUnique()
  @IsIn(CLASSES, { each: true, message: `each priority class must be one of ${CLASSES.join(', ')}` })
  priorityClasses?: (typeof CLASSES)[number][];

  @ApiPropertyOptional({
    default: 3,
    description: 'After this many priority calls in a row a counter calls a normal ticket; 0 = no priority',
  })
  @IsOptional()
  @IsInt()
  @Min(QUEUE_POLICY_LIMITS.maxConsecutivePriority.min)
  @Max(QUEUE_POLICY_LIMITS.maxConsecutivePriority.max)
  maxConsecutivePriority?: number;

  @ApiPropertyOptional({ default: 45, description: 'Anyone waiting this long is called first' })
  @IsOptional()
  @IsInt()
  @Min(QUEUE_POLICY_LIMITS.maxWaitMinutes.min)
  @Max(QUEUE_POLICY_LIMITS.maxWaitMinutes.max)
  maxWaitMinutes?: number;
}
