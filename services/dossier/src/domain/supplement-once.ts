import type { Dossier } from './dossier';
import { DossierRuleError, invalidInput } from './dossier.errors';

/*
 * "Supplement only once" (docs/domain.md §Supplement requests, issue #15 item 5). An office asks the citizen
 * to supplement a dossier once, listing everything missing in one request; asking again breaches "3 không"
 * (no harassment). A second request is refused unless the officer names one of the grounds below; an allowed
 * repeat is still counted per unit (`repeated_supplements`, rating's REPEATED_SUPPLEMENT_COUNT), because it
 * is the citizen's second trip whatever the ground.
 *
 * The grounds are our reading, not a list read in NĐ 61/2018 or NĐ 118/2025 (§Unconfirmed): both describe
 * facts the first request could not have listed. Codes only: they travel in events (the same list is in
 * @fg/contracts, `REPEAT_SUPPLEMENT_GROUNDS`; a unit test keeps the two equal).
 */
export const REPEAT_SUPPLEMENT_GROUNDS = [
  'SUPPLEMENT_NOT_AS_REQUESTED',
  'LEGAL_REQUIREMENT_CHANGED',
] as const;
export type RepeatSupplementGround = (typeof REPEAT_SUPPLEMENT_GROUNDS)[number];

export const REPEAT_SUPPLEMENT_GROUND_VI: Readonly<Record<RepeatSupplementGround, string>> = {
  SUPPLEMENT_NOT_AS_REQUESTED: 'Hồ sơ bổ sung chưa đúng, chưa đủ theo Phiếu yêu cầu bổ sung lần trước',
  LEGAL_REQUIREMENT_CHANGED: 'Quy định về thành phần hồ sơ thay đổi sau lần yêu cầu bổ sung trước',
};

/** The rule's name in refusals, so an officer (and a log reader) can look it up in docs/domain.md. */
export const SUPPLEMENT_ONCE_RULE = 'SUPPLEMENT_ONLY_ONCE';

const isGround = (code: unknown): code is RepeatSupplementGround =>
  typeof code === 'string' && (REPEAT_SUPPLEMENT_GROUNDS as readonly string[]).includes(code);

export interface SupplementRequestFacts {
  /** True from the second request on: counted as a breach of "3 không". */
  repeatSupplement: boolean;
  groundCode: RepeatSupplementGround | null;
}

/**
 * Decides whether a supplement request may be made on `d` (already known to be RECEIVED or IN_PROGRESS).
 * Throws `DOSSIER.SUPPLEMENT_ALREADY_REQUESTED` (409) for a repeat without a ground and
 * `DOSSIER.INVALID_INPUT` (400, field `groundCode`) for an unknown ground or a ground on a first request.
 */
export const supplementRequestFacts = (d: Dossier, groundCode: unknown): SupplementRequestFacts => {
  const given = groundCode !== undefined && groundCode !== null;
  if (given && !isGround(groundCode)) {
    throw invalidInput(
      `groundCode must be one of ${REPEAT_SUPPLEMENT_GROUNDS.join(', ')}`,
      `Căn cứ yêu cầu bổ sung lần nữa không hợp lệ; chọn một trong: ${REPEAT_SUPPLEMENT_GROUNDS.join(', ')}.`,
      { field: 'groundCode', rule: SUPPLEMENT_ONCE_RULE, allowed: REPEAT_SUPPLEMENT_GROUNDS },
    );
  }
  if (d.supplementRequests === 0) {
    if (given) {
      throw invalidInput(
        'groundCode is only for a repeated supplement request; this is the first one',
        'Chỉ nêu căn cứ khi yêu cầu bổ sung từ lần thứ hai; đây là lần yêu cầu đầu tiên.',
        { field: 'groundCode', rule: SUPPLEMENT_ONCE_RULE, previousRequests: 0 },
      );
    }
    return { repeatSupplement: false, groundCode: null };
  }
  if (!isGround(groundCode)) {
    throw new DossierRuleError(
      'DOSSIER.SUPPLEMENT_ALREADY_REQUESTED',
      `A supplement was already requested ${d.supplementRequests} time(s) for this dossier; the citizen is ` +
        `asked to supplement only once (docs/domain.md §Supplement requests, rule ${SUPPLEMENT_ONCE_RULE}) ` +
        `unless groundCode names one of ${REPEAT_SUPPLEMENT_GROUNDS.join(', ')}`,
      `Hồ sơ đã được yêu cầu bổ sung ${d.supplementRequests} lần. Chỉ được yêu cầu bổ sung hồ sơ một lần; ` +
        'muốn yêu cầu lần nữa phải nêu căn cứ (groundCode).',
      {
        field: 'groundCode',
        rule: SUPPLEMENT_ONCE_RULE,
        previousRequests: d.supplementRequests,
        allowedGrounds: REPEAT_SUPPLEMENT_GROUNDS,
      },
    );
  }
  return { repeatSupplement: true, groundCode };
};
