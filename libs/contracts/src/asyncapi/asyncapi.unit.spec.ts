import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { generateAsyncApi } from './generate';
import { allEventDefinitions } from '../registry';

describe('AsyncAPI document', () => {
  const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'asyncapi.json'), 'utf8'));
  const generated = JSON.parse(JSON.stringify(generateAsyncApi()));

  it('matches the contract classes (run `npm run asyncapi` after changing an event)', () => {
    expect(committed).toEqual(generated);
  });

  it('documents every event type', () => {
    const names = Object.values(committed.components.messages as Record<string, { name: string }>).map(
      (m) => m.name,
    );
    for (const def of allEventDefinitions()) expect(names).toContain(def.type);
  });

  it('keeps the item class of an array of nested contract classes', () => {
    const schemas = generated.components.schemas;
    expect(schemas.SurveyResponseSubmittedV1.properties.elementScores.items).toEqual({
      $ref: '#/components/schemas/ElementScoreV1',
    });
    expect(schemas.UnitScoreChangedV1.properties.breakdown.items).toEqual({
      $ref: '#/components/schemas/GroupScoreV1',
    });
    expect(schemas.ElementScoreV1.properties.element).toBeDefined();
    expect(schemas.GroupScoreV1.properties).toBeDefined();
  });

  // The official validator (JSON Schema of the AsyncAPI spec plus its ruleset: unresolved $refs, duplicate
  // ids, ...), run on what the code generates now, so an error cannot hide behind an outdated checked-in file.
  it('passes the official AsyncAPI parser without errors', async () => {
    const diagnostics = await new Parser().validate(JSON.stringify(generated));
    // The diagnostics carry spectral-core's own copy of stoplight's severity enum, a different type from the
    // one the parser exports, so the two are compared as the numbers they are.
    const listed = (severity: DiagnosticSeverity) =>
      diagnostics
        .filter((d) => Number(d.severity) === Number(severity))
        .map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
    const warnings = listed(DiagnosticSeverity.Warning);
    if (warnings.length) console.warn(`AsyncAPI parser warnings:\n${warnings.join('\n')}`);
    expect(listed(DiagnosticSeverity.Error)).toEqual([]);
  }, 30_000);
});
