import { Injectable } from '@nestjs/common';
import { createEvent, DossierThankYouLetterIssued } from '@fg/contracts';
import { localYearOf, toLocalDate } from '@fg/kernel';
import { appendAudit, appendToOutbox, type AuthUser, LocalUnitsRepository, notFound } from '@fg/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { decideThankYouLetter, type IssueThankYouLetter, ThankYouRuleError } from '../domain';
import { StatsRepository } from '../persistence/stats.repository';
import { ThankYouLetterRepository, type ThankYouLetterRow } from '../persistence/thank-you-letter.repository';
import { renderLetterPdf } from './apology-letter.pdf';
import { fingerprintOf, RenderedPdfCache } from './rendered-pdf-cache';
import { thankYouLetterText } from './thank-you-letter';

export interface IssueThankYouLetterRequest extends IssueThankYouLetter {
  dossierId?: string | null;
}

/**
 * Letters of thanks: validated by the domain, then the letter, its unit's counter, the audit entry and the
 * `dossier.thank-you-letter-issued` event in one transaction (a refused request stores nothing).
 * The caller's unit scope is checked by the route (@UnitScoped).
 */
@Injectable()
export class ThankYouLettersService {
  constructor(
    private readonly ds: DataSource,
    private readonly letters: ThankYouLetterRepository,
    private readonly stats: StatsRepository,
    private readonly units: LocalUnitsRepository,
    private readonly pdfs: RenderedPdfCache,
  ) {}

  async issue(
    unitCode: string,
    req: IssueThankYouLetterRequest,
    user: AuthUser,
    correlationId?: string,
  ): Promise<ThankYouLetterRow> {
    const facts = decideThankYouLetter(req);
    const issuedAt = new Date();
    const year = localYearOf(issuedAt);
    const id = randomUUID();
    const dossierId = req.dossierId ?? null;
    return this.ds.transaction(async (manager) => {
      const dossier = dossierId ? await this.letters.dossierRef(dossierId, manager) : null;
      if (dossierId && !dossier) throw notFound('Dossier', dossierId, 'DOSSIER.NOT_FOUND');
      if (dossier && dossier.unitCode !== unitCode)
        throw new ThankYouRuleError(
          'THANK_YOU.DOSSIER_OF_OTHER_UNIT',
          `dossierId: dossier ${dossier.code} belongs to unit ${dossier.unitCode}, not ${unitCode}`,
          { field: 'dossierId' },
        );
      const number = await this.letters.nextNumber(unitCode, year, manager);
      const row = { id, unitCode, year, number, ...facts, dossierId, issuedBy: user.sub, issuedAt };
      await this.letters.insert(row, manager);
      await this.stats.add(
        [
          {
            unitCode,
            procedureCode: dossier?.procedureCode ?? '',
            day: toLocalDate(issuedAt),
            counts: { thank_you_letters: 1 },
          },
        ],
        manager,
      );
      await appendAudit(manager, {
        unitCode,
        actorId: user.sub,
        action: 'letter.thank-you',
        subject: id,
        details: { number, recipientKind: facts.recipientKind, reasonCode: facts.reasonCode, dossierId },
      });
      await appendToOutbox(manager, [
        createEvent(
          DossierThankYouLetterIssued,
          {
            letterId: id,
            number,
            recipientKind: facts.recipientKind,
            reasonCode: facts.reasonCode,
            ...(dossierId ? { dossierId } : {}),
            at: issuedAt.toISOString(),
            actorId: user.sub.slice(0, 64),
          },
          {
            source: 'dossier',
            subject: id,
            unitcode: unitCode,
            correlationid: correlationId,
            time: issuedAt,
          },
        ),
      ]);
      return { ...row, dossierCode: dossier?.code ?? null };
    });
  }

  async get(unitCode: string, id: string): Promise<ThankYouLetterRow> {
    const letter = await this.letters.find(unitCode, id);
    if (!letter) throw notFound('Thank-you letter', id, 'THANK_YOU.NOT_FOUND');
    return letter;
  }

  /** The letter as a Vietnamese A4 PDF, drawn by the apology letter's code. */
  async pdf(unitCode: string, id: string): Promise<{ letter: ThankYouLetterRow; pdf: Buffer }> {
    const letter = await this.get(unitCode, id);
    const unit = await this.units.find(unitCode);
    const parent = unit?.parentCode ? await this.units.find(unit.parentCode) : null;
    const text = thankYouLetterText({
      parentUnitName: parent?.name ?? null,
      unitName: unit?.name ?? unitCode,
      number: letter.number,
      issuedAt: letter.issuedAt,
      recipientKind: letter.recipientKind,
      recipientName: letter.recipientName,
      reasonCode: letter.reasonCode,
      note: letter.note,
      dossierCode: letter.dossierCode,
    });
    const signedBy = unit?.name ?? unitCode;
    // Drawn once per letter and inputs, as the apology (a renamed unit draws it again); see RenderedPdfCache.
    const pdf = await this.pdfs.pdf(`thank-you:${letter.id}`, fingerprintOf({ text, signedBy }), () =>
      renderLetterPdf(text, signedBy),
    );
    return { letter, pdf };
  }
}
