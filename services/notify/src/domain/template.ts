import type { MessageChannel, MessageKind } from '@fg/contracts';
import { foldDiacritics } from './fold-diacritics';
import { TEMPLATE_VARIABLES } from './message-kinds';
import { smsSize, SmsSize } from './sms-segments';

/** A versioned message template of one kind and channel (a unit's own, or the national default). */
export interface Template {
  kind: MessageKind;
  channel: MessageChannel;
  /** Null: the national default every unit uses unless it has its own. */
  unitCode: string | null;
  version: number;
  /** E-mail subject (EMAIL only). */
  subject: string | null;
  body: string;
  /** SMS sent without diacritics (GSM-7: 160 characters a segment instead of 70). */
  smsAscii: boolean;
}

export const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
export const TEMPLATE_BODY_MAX = 1000;
export const TEMPLATE_SUBJECT_MAX = 200;

export type RenderResult = { ok: true; text: string } | { ok: false; unknown: string[]; missing: string[] };

/** `{{name}}` placeholders filled from `values`; unknown or missing names are reported, never left in. */
export function renderText(text: string, values: Readonly<Record<string, string>>): RenderResult {
  const unknown = new Set<string>();
  const missing = new Set<string>();
  const out = text.replace(PLACEHOLDER, (_m, name: string) => {
    if (!(name in values)) {
      unknown.add(name);
      return '';
    }
    const v = values[name];
    if (v === undefined || v === '') missing.add(name);
    return v ?? '';
  });
  // A brace pair that is not a well-formed placeholder is a typo the citizen would see.
  if (/\{\{|\}\}/.test(out)) unknown.add('{{');
  return unknown.size || missing.size
    ? { ok: false, unknown: [...unknown], missing: [...missing] }
    : { ok: true, text: out };
}

export interface RenderedMessage {
  subject: string | null;
  body: string;
  /** SMS only. */
  size: SmsSize | null;
}

/** The message a template gives for the values; SMS folded to ASCII when the template says so. */
export function renderTemplate(
  t: Template,
  values: Readonly<Record<string, string>>,
): RenderedMessage | null {
  const body = renderText(t.body, values);
  const subject = t.subject === null ? null : renderText(t.subject, values);
  if (!body.ok || (subject && !subject.ok)) return null;
  const text = t.channel === 'SMS' && t.smsAscii ? foldDiacritics(body.text) : body.text;
  return {
    subject: subject && subject.ok ? subject.text : null,
    body: text,
    size: t.channel === 'SMS' ? smsSize(text) : null,
  };
}

/** Problems of a template as field → message; empty when it may be saved (it renders with the kind's sample). */
export function validateTemplate(t: Template): Record<string, string> {
  const problems: Record<string, string> = {};
  if (t.kind === 'DOSSIER_STATUS' || t.channel === 'WEBHOOK')
    problems.kind = 'partner webhooks carry the event as JSON, they have no template';
  if (t.channel === 'EMAIL' && !t.subject) problems.subject = 'an e-mail template needs a subject';
  if (t.channel === 'SMS' && t.subject) problems.subject = 'an SMS template has no subject';
  if (Object.keys(problems).length) return problems;
  const sample = TEMPLATE_VARIABLES[t.kind];
  const body = renderText(t.body, sample);
  if (!body.ok) problems.body = describe(body, Object.keys(sample));
  if (t.subject) {
    const subject = renderText(t.subject, sample);
    if (!subject.ok) problems.subject = describe(subject, Object.keys(sample));
  }
  return problems;
}

const describe = (r: { unknown: string[]; missing: string[] }, allowed: string[]) =>
  `does not render with the ${r.unknown.length ? `sample data: unknown placeholder ${r.unknown.join(', ')}` : `sample data: empty ${r.missing.join(', ')}`}; allowed: ${allowed.map((a) => `{{${a}}}`).join(', ')}`;
