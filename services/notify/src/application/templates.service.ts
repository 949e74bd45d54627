import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotifyRuleError, renderTemplate, Template, TEMPLATE_VARIABLES, validateTemplate } from '../domain';
import { TemplateRepository } from '../persistence/template.repository';

export interface TemplateView extends Template {
  /** The sample data's rendering and, for SMS, its encoding and segments: what a message costs. */
  sample: { subject: string | null; body: string; encoding?: string; segments?: number };
}

const view = (t: Template): TemplateView => {
  const r = renderTemplate(t, TEMPLATE_VARIABLES[t.kind]);
  return {
    ...t,
    sample: r
      ? {
          subject: r.subject,
          body: r.body,
          ...(r.size ? { encoding: r.size.encoding, segments: r.size.segments } : {}),
        }
      : { subject: null, body: '' },
  };
};

@Injectable()
export class TemplatesService {
  constructor(
    private readonly ds: DataSource,
    private readonly templates: TemplateRepository,
  ) {}

  async list(unitCode: string): Promise<TemplateView[]> {
    return (await this.templates.list(unitCode, this.ds.manager)).map(view);
  }

  /** Saves a new version of the unit's template; refused (400 naming the field) when it does not render. */
  async save(t: Omit<Template, 'version'>, actor: string): Promise<TemplateView> {
    const problems = validateTemplate({ ...t, version: 1 });
    const fields = Object.keys(problems);
    if (fields.length)
      throw new NotifyRuleError('TEMPLATE.INVALID', `${fields[0]} ${problems[fields[0]]}`, {
        field: fields[0],
        problems,
      });
    return view(await this.ds.transaction((m) => this.templates.addVersion(t, actor, m)));
  }
}
