import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject } from 'class-validator';
import type { OfficialScheduleEntry } from '../../domain';

const EXAMPLE_ENTRY = {
  occasions: ['NEW_YEAR'],
  reason: 'Nghỉ Tết Dương lịch (1/1–3/1/2027)',
  daysOff: { from: '2027-01-01', to: '2027-01-03' },
  workingDays: [],
  source: {
    document: '1234/VPCP-KGVX',
    issuedOn: '2026-12-15',
    issuer: 'Văn phòng Chính phủ (ý kiến của Thủ tướng Chính phủ)',
    url: 'https://chinhphu.vn/...',
    readFrom: 'DOCUMENT',
  },
};

/**
 * A year's decision, replacing the previous one as a whole. Only the shape is checked here: every rule
 * (a source per entry, dates in the year, no overlap or contradiction) is the domain's
 * `validateOfficialSchedule`, so the 400 names the entry and the rule broken.
 */
export class LoadOfficialScheduleRequest {
  @ApiProperty({
    description:
      'One entry per decided holiday (occasions NEW_YEAR, LUNAR_NEW_YEAR, HUNG_KINGS, REUNIFICATION_DAY, ' +
      'LABOUR_DAY, NATIONAL_DAY): the run of days off (weekends included), the make-up working days and the ' +
      'legal source (document, issuedOn, issuer, url, readFrom DOCUMENT|REPORT, note)',
    example: [EXAMPLE_ENTRY],
    type: 'array',
    items: { type: 'object' },
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  entries!: OfficialScheduleEntry[];
}
