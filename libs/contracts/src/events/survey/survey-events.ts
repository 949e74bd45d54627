import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { SIPAS_ELEMENTS, SipasElement } from '@fg/kernel';
import { defineEvent } from '../../registry';
import { Topics } from '../../topics';
import { IsActorId, IsCode, IsOneOf, SURVEY_CHANNELS, SurveyChannel } from '../common';

export class SurveyPublishedV1 {
  @IsUUID() surveyId!: string;
  @IsInt() @Min(1) version!: number;
  @IsString() @IsCode(1, 32) kind!: string;
  @IsInt() @Min(1) questionCount!: number;
  @IsISO8601({ strict: true }) publishedAt!: string;
}
export const SurveyPublished = defineEvent({
  type: 'survey.published',
  dataversion: '1',
  topic: Topics.SURVEY,
  dataClass: SurveyPublishedV1,
  description: 'A questionnaire version was frozen and can be answered.',
});

/** Counts of one response's answers for one SIPAS element (a response may answer several questions per element). */
export class ElementScoreV1 {
  @IsOneOf(SIPAS_ELEMENTS) element!: SipasElement;
  /** Answers that were given (skips excluded). */
  @IsInt() @Min(0) valid!: number;
  /** Answers that were satisfied or very satisfied. */
  @IsInt() @Min(0) satisfied!: number;
  @IsInt() @Min(0) verySatisfied!: number;
  @IsInt() @Min(0) neutral!: number;
  @IsInt() @Min(0) dissatisfied!: number;
  @IsInt() @Min(0) veryDissatisfied!: number;
}

export class SurveyResponseSubmittedV1 {
  @IsUUID() responseId!: string;
  @IsUUID() surveyId!: string;
  @IsInt() @Min(1) version!: number;
  @IsOneOf(SURVEY_CHANNELS) channel!: SurveyChannel;
  @IsISO8601({ strict: true }) submittedAt!: string;
  @IsOptional() @IsString() @IsActorId() officerId?: string;
  @IsOptional() @IsString() @IsCode(1, 16) counterNo?: string;
  @IsOptional() @IsUUID() ticketId?: string;
  @IsOptional() @IsUUID() dossierId?: string;
  /** Star rating 1..5 given to the officer, when the questionnaire asks for one. */
  @IsOptional() @IsInt() @Min(1) @Max(5) stars?: number;
  /** Overall satisfied flag; absent when the response answered nothing that decides it. */
  @IsOptional() @IsBoolean() satisfied?: boolean;
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => ElementScoreV1)
  elementScores!: ElementScoreV1[];
  /** Decree 61/2018 nine-indicator total 0..18, when every indicator was answered. */
  @IsOptional() @IsInt() @Min(0) @Max(18) decree61Total?: number;
}
export const SurveyResponseSubmitted = defineEvent({
  type: 'survey.response-submitted',
  dataversion: '1',
  topic: Topics.SURVEY,
  dataClass: SurveyResponseSubmittedV1,
  description:
    'A citizen answered a questionnaire (tablet, kiosk, web link or paper). No free text, no personal data.',
});
