import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The SIPAS survey link notify sends after a dossier's result is returned (issue #18 item 3): `{dossierId}.{mac}`,
 * mac = the first 128 bits of HMAC-SHA256(k, dossierId), k = HMAC-SHA256(secret, 'fg/dossier-survey-link/v1').
 * Notify writes it, survey reads it and opens that dossier's invitation. The secret is shared through config
 * (SURVEY_LINK_KEY, else JWT_SECRET), so nothing crosses the bus: no token, sealed or not (docs/platform.md,
 * "The SIPAS link"). Whoever holds the link can answer that one dossier's survey once, as with the token.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LINK = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})$/;

const macOf = (secret: string, dossierId: string): Buffer => {
  const key = createHmac('sha256', secret).update('fg/dossier-survey-link/v1').digest();
  return createHmac('sha256', key).update(dossierId).digest().subarray(0, 16);
};

/** The link's path segment for a dossier (its id as dossier publishes it, lower-case UUID). */
export const dossierSurveyLink = (secret: string, dossierId: string): string => {
  if (!UUID.test(dossierId)) throw new RangeError('dossierSurveyLink: not a lower-case UUID');
  return `${dossierId}.${macOf(secret, dossierId).toString('base64url')}`;
};

/**
 * The dossier id of a genuine link, or null (malformed, or signed with none of the secrets). Several secrets:
 * the current one first, then those retired by a rotation, so links already sent keep working until the
 * operator drops the old secret (every secret is tried, a match or not, so the time does not tell which).
 */
export const dossierOfSurveyLink = (secrets: string | readonly string[], link: string): string | null => {
  const m = LINK.exec(link);
  if (!m || !UUID.test(m[1])) return null;
  const given = Buffer.from(m[2], 'base64url');
  if (given.length !== 16) return null;
  let genuine = false;
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets)
    genuine = timingSafeEqual(given, macOf(secret, m[1])) || genuine;
  return genuine ? m[1] : null;
};
