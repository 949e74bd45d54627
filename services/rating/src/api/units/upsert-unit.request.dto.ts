import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PUBLIC_UNIT_NAME_PATTERN, UNIT_CODE_PATTERN, UNIT_LEVELS, UnitLevel } from '@fg/contracts';

export class UpsertUnitRequest {
  @ApiProperty({ example: 'Phường Lê Lợi' })
  @IsString()
  @Length(1, 200)
  // Published in unit.upserted: no e-mail, phone or ID number can ride along (issue #16 row 5).
  @Matches(PUBLIC_UNIT_NAME_PATTERN, {
    message: 'name must be a unit name without e-mail addresses, phone or ID numbers, or surrounding spaces',
  })
  name!: string;

  @ApiProperty({ enum: UNIT_LEVELS })
  @IsIn(UNIT_LEVELS, { message: `level must be one of ${UNIT_LEVELS.join(', ')}` })
  level!: UnitLevel;

  // `string | null` reaches Swagger as Object; the type is named so the document says string.
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '24',
    description: 'Parent unit code; omit or null for a province',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(UNIT_CODE_PATTERN, { message: 'parentCode must be 1-32 letters, digits, dots or dashes' })
  parentCode?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ImportUnitItem extends UpsertUnitRequest {
  @ApiProperty({ example: '07210' })
  @Matches(UNIT_CODE_PATTERN, { message: 'code must be 1-32 letters, digits, dots or dashes' })
  code!: string;
}

export class ImportUnitsRequest {
  @ApiProperty({ type: [ImportUnitItem] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20000)
  @ValidateNested({ each: true })
  @Type(() => ImportUnitItem)
  units!: ImportUnitItem[];
}
