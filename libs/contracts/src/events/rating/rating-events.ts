import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../../registry';
import { Topics } from '../../topics';
import { UNIT_CODE_PATTERN, UNIT_LEVELS, UnitLevel } from '../../unit-code';
import { IsActorId, IsCode, IsOneOf, IsPublicUnitName, IsUnitCode } from '../common';

export class UnitUpsertedV1 {
  @IsUnitCode() code!: string;
  @IsString() @Length(1, 200) @IsPublicUnitName() name!: string;
  @IsOneOf(UNIT_LEVELS) level!: UnitLevel;
  /** null for a root (province). */
  @ValidateIf((_, v) => v !== null) @IsUnitCode() parentCode!: string | null;
  @IsBoolean() active!: boolean;
  /** Monotonic per unit; consumers ignore an older revision arriving late. */
  @IsInt() @Min(1) revision!: number;
}
export const UnitUpserted = defineEvent({
  type: 'unit.upserted',
  dataversion: '1',
  topic: Topics.RATING,
  dataClass: UnitUpsertedV1,
  description: 'An administrative unit was created or changed (name, parent, active).',
});

export const SUCCESSION_KINDS = ['MERGER', 'SPLIT'] as const;
export type SuccessionKind = (typeof SUCCESSION_KINDS)[number];

const EACH_UNIT_CODE = 'each of $property must be 1-32 letters, digits, dots or dashes';

/** Codes and a date only: names travel in `unit.upserted`. */
export class UnitSuccessionRecordedV1 {
  /** The registry's id of the succession; a consumer records each id once. */
  @IsInt() @Min(1) successionId!: number;
  @IsOneOf(SUCCESSION_KINDS) kind!: SuccessionKind;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(UNIT_CODE_PATTERN, { each: true, message: EACH_UNIT_CODE })
  predecessors!: string[];
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(UNIT_CODE_PATTERN, { each: true, message: EACH_UNIT_CODE })
  successors!: string[];
  /** 'YYYY-MM-DD': the first day of the successors; predecessors' history before it is theirs. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/) effectiveDate!: string;
}
export const UnitSuccessionRecorded = defineEvent({
  type: 'unit.succession-recorded',
  dataversion: '1',
  topic: Topics.RATING,
  dataClass: UnitSuccessionRecordedV1,
  description:
    "Units were merged or split: the successors carry the predecessors' history before effectiveDate; the predecessors are retired.",
});

export class GroupScoreV1 {
  @IsString() @IsCode(1, 64) group!: string;
  @IsNumber() @Min(0) points!: number;
  @IsNumber() @Min(0) maxPoints!: number;
}

export class UnitScoreChangedV1 {
  @IsUnitCode() code!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsString() @IsCode(1, 64) schemeCode!: string;
  @IsNumber() @Min(0) score!: number;
  @ValidateIf((_, v) => v !== null) @IsNumber() previousScore!: number | null;
  /** Star level the score gives (0 = not certified); null while provisional. */
  @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(5) stars!: number | null;
  @IsBoolean() provisional!: boolean;
  @IsArray() @ValidateNested({ each: true }) @Type(() => GroupScoreV1) breakdown!: GroupScoreV1[];
}
export const UnitScoreChanged = defineEvent({
  type: 'unit.score-changed',
  dataversion: '1',
  topic: Topics.RATING,
  dataClass: UnitScoreChangedV1,
  description: "A unit's friendly-government score for a year changed.",
});

export class UnitStarLevelChangedV1 {
  @IsUnitCode() code!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsInt() @Min(0) @Max(5) from!: number;
  @IsInt() @Min(0) @Max(5) to!: number;
  @IsNumber() @Min(0) score!: number;
}
export const UnitStarLevelChanged = defineEvent({
  type: 'unit.star-level-changed',
  dataversion: '1',
  topic: Topics.RATING,
  dataClass: UnitStarLevelChangedV1,
  description: "A unit's (final) star level changed; published only when the level really changes.",
});

export class OfficerRatingChangedV1 {
  @IsString() @IsActorId() officerId!: string;
  @IsUnitCode() unitCode!: string;
  @IsInt() @Min(0) count!: number;
  @ValidateIf((_, v) => v !== null) @IsNumber() rawMean!: number | null;
  @IsNumber() smoothedScore!: number;
  /** Counts of 5★, 4★, 3★, 2★, 1★ ratings. */
  @IsArray()
  @ArrayMinSize(5)
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(0, { each: true })
  distribution!: number[];
  @IsISO8601({ strict: true }) at!: string;
  @IsOptional() @IsString() @IsCode(1, 32) period?: string;
}
export const OfficerRatingChanged = defineEvent({
  type: 'officer.rating-changed',
  dataversion: '1',
  topic: Topics.RATING,
  dataClass: OfficerRatingChangedV1,
  description: "An officer's star ratings changed (all-time count, mean, smoothed score).",
});
