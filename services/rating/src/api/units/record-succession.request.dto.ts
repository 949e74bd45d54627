import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, Matches } from 'class-validator';
import { SUCCESSION_KINDS, SuccessionKind, UNIT_CODE_PATTERN } from '@fg/contracts';

const EACH_CODE = { each: true, message: 'each of $property must be 1-32 letters, digits, dots or dashes' };

export class RecordSuccessionRequest {
  @ApiProperty({ enum: SUCCESSION_KINDS, example: 'MERGER' })
  @IsIn(SUCCESSION_KINDS, { message: `kind must be one of ${SUCCESSION_KINDS.join(', ')}` })
  kind!: SuccessionKind;

  @ApiProperty({ type: [String], example: ['07210', '07213'], description: 'Units whose history moves on' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(UNIT_CODE_PATTERN, EACH_CODE)
  predecessors!: string[];

  @ApiProperty({ type: [String], example: ['07210-2025'], description: 'Units that carry it from now on' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(UNIT_CODE_PATTERN, EACH_CODE)
  successors!: string[];

  @ApiProperty({ example: '2025-07-01', description: 'First day of the successors (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveDate must be YYYY-MM-DD' })
  effectiveDate!: string;
}
