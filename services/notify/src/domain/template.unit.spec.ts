import { DEFAULT_TEMPLATES } from './default-templates';
import { TEMPLATE_VARIABLES } from './message-kinds';
import { renderTemplate, renderText, Template, validateTemplate } from './template';

const aTemplate = (over: Partial<Template> = {}): Template => ({
  kind: 'CALLED',
  channel: 'SMS',
  unitCode: '07210',
  version: 1,
  subject: null,
  body: 'Mời số {{ticketNumber}} đến quầy {{counterNo}}.',
  smsAscii: false,
  ...over,
});

describe('templates', () => {
  it('renders placeholders, spaces inside the braces allowed', () => {
    expect(
      renderText('Số {{ ticketNumber }} quầy {{counterNo}}', { ticketNumber: 'A1', counterNo: '2' }),
    ).toEqual({
      ok: true,
      text: 'Số A1 quầy 2',
    });
  });

  it('folds an SMS without diacritics when the template says so, and only then', () => {
    const values = TEMPLATE_VARIABLES.CALLED;
    expect(renderTemplate(aTemplate({ smsAscii: true }), values)!.body).toBe('Moi so A015 den quay 2.');
    expect(renderTemplate(aTemplate(), values)!.body).toBe('Mời số A015 đến quầy 2.');
    expect(renderTemplate(aTemplate(), values)!.size).toMatchObject({ encoding: 'UCS2', segments: 1 });
  });

  describe('when saved', () => {
    it('accepts a template that renders with the kind sample data', () => {
      expect(validateTemplate(aTemplate())).toEqual({});
    });

    it('refuses an unknown placeholder, naming the body and the allowed ones', () => {
      const problems = validateTemplate(aTemplate({ body: 'Mời {{fullName}} đến quầy {{counterNo}}' }));
      expect(problems.body).toContain('unknown placeholder fullName');
      expect(problems.body).toContain('{{counterNo}}');
    });

    it('refuses a broken brace pair', () => {
      expect(validateTemplate(aTemplate({ body: 'Mời số {{ticketNumber} đến quầy' })).body).toBeDefined();
    });

    it('refuses an e-mail without a subject, an SMS with one, and webhook templates', () => {
      expect(validateTemplate(aTemplate({ channel: 'EMAIL' }))).toHaveProperty('subject');
      expect(validateTemplate(aTemplate({ subject: 'x' }))).toHaveProperty('subject');
      expect(validateTemplate(aTemplate({ kind: 'DOSSIER_STATUS' }))).toHaveProperty('kind');
    });

    it('accepts every default template', () => {
      for (const t of DEFAULT_TEMPLATES)
        expect({ kind: t.kind, problems: validateTemplate(t) }).toEqual({ kind: t.kind, problems: {} });
    });
  });
});
