import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { dossierOfSurveyLink, dossierSurveyLink } from './dossier-survey-link';

const SECRET = 'a-shared-secret-of-the-test-0123456789';

describe('dossier survey link', () => {
  it('opens to its dossier with the same secret', () => {
    const id = randomUUID();
    const link = dossierSurveyLink(SECRET, id);
    expect(link).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/);
    expect(dossierOfSurveyLink(SECRET, link)).toBe(id);
  });

  it('refuses another secret, another dossier, a changed mac and malformed links', () => {
    const id = randomUUID();
    const link = dossierSurveyLink(SECRET, id);
    expect(dossierOfSurveyLink('another-secret-0123456789abcdef', link)).toBeNull();
    expect(dossierOfSurveyLink(SECRET, `${randomUUID()}.${link.split('.')[1]}`)).toBeNull();
    const mac = link.split('.')[1];
    const flipped = `${id}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    expect(dossierOfSurveyLink(SECRET, flipped)).toBeNull();
    for (const bad of ['', id, `${id}.`, `${id}.${mac}x`, `${id.toUpperCase()}.${mac}`, '../../etc'])
      expect(dossierOfSurveyLink(SECRET, bad)).toBeNull();
    expect(() => dossierSurveyLink(SECRET, 'H10.24-261206-0001')).toThrow(RangeError);
  });

  it('opens links of a retired secret after a rotation, and only of the secrets given', () => {
    const id = randomUUID();
    const OLD = 'the-secret-before-the-rotation-0123';
    const NEW = 'the-secret-after-the-rotation-45678';
    const oldLink = dossierSurveyLink(OLD, id);
    expect(dossierOfSurveyLink([NEW, OLD], oldLink)).toBe(id);
    expect(dossierOfSurveyLink([NEW, OLD], dossierSurveyLink(NEW, id))).toBe(id);
    expect(dossierOfSurveyLink([NEW], oldLink)).toBeNull();
    expect(dossierOfSurveyLink([], oldLink)).toBeNull();
  });

  it('property: any string is either a genuine link of its dossier or refused', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string({ maxLength: 60 }), (id, junk) => {
        const lower = id.toLowerCase();
        expect(dossierOfSurveyLink(SECRET, dossierSurveyLink(SECRET, lower))).toBe(lower);
        const opened = dossierOfSurveyLink(SECRET, junk);
        if (opened !== null) expect(dossierSurveyLink(SECRET, opened)).toBe(junk);
      }),
    );
  });
});
