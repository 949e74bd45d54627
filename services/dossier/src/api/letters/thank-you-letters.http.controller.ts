import { Body, Controller, Get, HttpCode, Injectable, Param, PipeTransform, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AuthUser,
  CorrelationId,
  CurrentUser,
  DomainError,
  Roles,
  UnitCodePipe,
  UnitScoped,
} from '@fg/platform';
import { ThankYouLettersService } from '../../application/thank-you-letters.service';
import type { ThankYouLetterRow } from '../../persistence/thank-you-letter.repository';
import { IssueThankYouLetterRequest } from './issue-thank-you-letter.request.dto';

@Injectable()
class LetterIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
      throw new DomainError('INVALID', 'THANK_YOU.BAD_ID', `Invalid letter id "${value}": expected a UUID`);
    return value.toLowerCase();
  }
}

const view = (l: ThankYouLetterRow) => ({
  id: l.id,
  unitCode: l.unitCode,
  number: l.number,
  year: l.year,
  recipientKind: l.recipientKind,
  recipientName: l.recipientName,
  reasonCode: l.reasonCode,
  note: l.note,
  dossierId: l.dossierId,
  dossierCode: l.dossierCode,
  issuedBy: l.issuedBy,
  issuedAt: l.issuedAt,
});

/** Letters of thanks (issue #15 item 8), issued by an officer of the unit and counted in its statistics. */
@ApiTags('letters of thanks')
@Controller('api/v1/units/:unitCode/thank-you-letters')
@UnitScoped('unitCode')
export class ThankYouLettersHttpController {
  constructor(private readonly letters: ThankYouLettersService) {}

  @Post()
  @HttpCode(201)
  @Roles('officer')
  @ApiOperation({
    summary: 'Issue a letter of thanks to a citizen or organisation (the officer is the caller)',
  })
  async issue(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() b: IssueThankYouLetterRequest,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    return view(await this.letters.issue(unitCode, b, u, c));
  }

  @Get(':id.pdf')
  @Roles('officer', 'viewer', 'unit-admin')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The letter of thanks as PDF, in Vietnamese (the apology letter’s layout)' })
  async pdf(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('id', LetterIdPipe) id: string,
    @Res() res: Response,
  ) {
    const { letter, pdf } = await this.letters.pdf(unitCode, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="cam-on-${letter.year}-${letter.number}.pdf"`);
    res.send(pdf);
  }
}
