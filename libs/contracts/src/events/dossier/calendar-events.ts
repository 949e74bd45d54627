import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../../registry';
import { Topics } from '../../topics';
import { IsCode, IsOneOf, IsUnitCode } from '../common';

/*
 * The official working calendar as data (issue #19): dossier owns it (holidays, make-up Saturdays, the
 * province's overrides, each unit's working hours) and publishes the effective result whenever it changes,
 * so the queue service plans appointment slots from the same calendar without calling dossier. Both compute
 * working time with @fg/kernel's `workingPeriodsOn`. Dates are local (Asia/Ho_Chi_Minh); reasons stay in dossier.
 */

export const CALENDAR_DAY_KINDS = ['DAY_OFF', 'WORKING_DAY'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** A day that differs from the plain week: a day off, or a make-up working day on a rest day. */
export class CalendarDayV1 {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a local date YYYY-MM-DD' }) date!: string;
  @IsOneOf(CALENDAR_DAY_KINDS) kind!: CalendarDayKind;
}

export class CalendarSchedulePublishedV1 {
  @IsInt() @Min(2000) @Max(2100) year!: number;
  /** The calendar version dossier stamps on due dates (`{year}-{12 hex}`). */
  @IsCode(6, 40) version!: string;
  /** Every day of the year that differs from the plain week; a day not listed follows the week. */
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayV1)
  days!: CalendarDayV1[];
  @IsISO8601({ strict: true }) at!: string;
}
export const CalendarSchedulePublished = defineEvent({
  type: 'calendar.schedule-published',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: CalendarSchedulePublishedV1,
  description:
    "A year's effective working calendar (official schedule + overrides) changed or was first published: its days off and make-up days replace the year's earlier ones.",
});

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class WorkingPeriodV1 {
  @Matches(HHMM, { message: '$property must be HH:mm' }) start!: string;
  @Matches(HHMM, { message: '$property must be HH:mm' }) end!: string;
}

const periods = () => [
  IsOptional(),
  IsArray(),
  ArrayMaxSize(6),
  ValidateNested({ each: true }),
  Type(() => WorkingPeriodV1),
];
const each =
  (ds: PropertyDecorator[]): PropertyDecorator =>
  (t, k) => {
    for (const d of ds) d(t, k);
  };

/** Periods per weekday; a weekday left out has no working time. */
export class WeeklyHoursV1 {
  @each(periods()) SUN?: WorkingPeriodV1[];
  @each(periods()) MON?: WorkingPeriodV1[];
  @each(periods()) TUE?: WorkingPeriodV1[];
  @each(periods()) WED?: WorkingPeriodV1[];
  @each(periods()) THU?: WorkingPeriodV1[];
  @each(periods()) FRI?: WorkingPeriodV1[];
  @each(periods()) SAT?: WorkingPeriodV1[];
}

export class WorkingHoursPublishedV1 {
  @IsUnitCode() unitCode!: string;
  @ValidateNested() @Type(() => WeeklyHoursV1) weekly!: WeeklyHoursV1;
  /** Hours of a make-up working day; absent: Monday's. */
  @each(periods()) makeUpDay?: WorkingPeriodV1[];
  @Matches(HHMM, { message: '$property must be HH:mm' }) sameDayCutoff!: string;
  @IsISO8601({ strict: true }) at!: string;
}
export const WorkingHoursPublished = defineEvent({
  type: 'calendar.working-hours-published',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: WorkingHoursPublishedV1,
  description:
    "A unit's own working hours were set (they apply to its descendants without hours of their own, as in dossier).",
});
