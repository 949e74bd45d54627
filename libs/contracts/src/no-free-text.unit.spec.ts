import 'reflect-metadata';
// Deep import, as in codec.ts: class-transformer keeps its @Type metadata storage out of the index.
// @ts-expect-error the module has no declaration file of its own; its shape is class-transformer/types/storage.d.ts
import { defaultMetadataStorage as untypedStorage } from 'class-transformer/cjs/storage';
import type { MetadataStorage as TransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import { allEventDefinitions, publishableEventDefinitions, type DataClass } from './registry';
import './events';

/*
 * Issue #16 row 5: no free text on Kafka. Every string property of every contract a service can publish must
 * be an id, a code, a date or an enum, and must refuse what an officer might type about a citizen.
 */
const transformerStorage = untypedStorage as TransformerMetadataStorage;
const storage = getMetadataStorage();

/** Constraints that make a string a code/id/date/enum. `isString`, `length`, `maxLength` alone do not. */
const CODE_LIKE = new Set(['isUuid', 'isIso8601', 'isIn', 'equals', 'isEnum', 'matches']);
const STRING_CONSTRAINTS = new Set([...CODE_LIKE, 'isString', 'length', 'minLength', 'maxLength']);

/** Personal data as officers typed it into reasons (issue #16): none may pass any string field. */
const PERSONAL_DATA_PROBES = [
  '0912 345 678',
  '0912345678 ',
  '+84912345678',
  '+84 912 345 678',
  '079 123 456 789',
  'CCCD 079123456789',
  'an.nguyen@example.vn',
];
/** Names, addresses and sentences pass only the one public free-form field: a unit's name (IsPublicUnitName). */
const PUBLIC_NAME_FIELDS = new Set(['UnitUpsertedV1.name']);
const FREE_TEXT_PROBES = [
  'Nguyen Van An',
  'Nguyễn Thị Hương, 12 Lê Lợi, phường Bến Nghé',
  'Thiếu bản sao giấy khai sinh của bà Hương',
];

interface StringField {
  path: string;
  each: boolean;
  names: string[];
  accepts: (value: string) => boolean;
}

function stringFields(cls: DataClass, seen = new Set<Function>()): StringField[] {
  if (seen.has(cls)) return [];
  seen.add(cls);
  const metas = storage.getTargetValidationMetadatas(cls, '', true, false);
  const props = new Set(metas.map((m) => m.propertyName));
  const out: StringField[] = [];
  for (const property of props) {
    const list = metas.filter((m) => m.propertyName === property);
    const checks = list
      .filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION)
      .flatMap((m) =>
        storage.getTargetValidatorConstraints(m.constraintCls).map((c) => ({
          name: c.name,
          each: !!m.each,
          run: (v: string) =>
            c.instance.validate(v, {
              constraints: m.constraints,
              property,
              object: {},
              targetName: cls.name,
              value: v,
            } satisfies ValidationArguments) === true,
        })),
      );
    const nested = list.some((m) => m.type === ValidationTypes.NESTED_VALIDATION);
    if (nested) {
      const type = transformerStorage.findTypeMetadata(cls, property)?.typeFunction() as
        DataClass | undefined;
      if (type) out.push(...stringFields(type, seen).map((f) => ({ ...f, path: `${cls.name}.${f.path}` })));
      continue;
    }
    // A union of string literals is emitted as Object, so a string constraint also marks a string field.
    const designType: unknown = Reflect.getMetadata('design:type', cls.prototype, property);
    const each = checks.some((c) => c.each && STRING_CONSTRAINTS.has(c.name));
    if (designType !== String && !checks.some((c) => STRING_CONSTRAINTS.has(c.name))) continue;
    const relevant = checks.filter((c) => c.each === each);
    out.push({
      path: `${cls.name}.${property}`,
      each,
      names: relevant.map((c) => c.name),
      accepts: (v) => relevant.every((c) => c.run(v)),
    });
  }
  return out;
}

const publishable = publishableEventDefinitions();
const fields = [...new Set(publishable.map((d) => d.dataClass))].flatMap((cls) => stringFields(cls));

describe('no free text in event contracts (issue #16 row 5)', () => {
  it('finds the string fields of every publishable contract (the walk itself works)', () => {
    const paths = fields.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'DossierSupplementRequestedV2.reasonCode',
        'CounterPausedV2.reasonCode',
        'TicketCalledV1.reason',
        'CounterOpenedV1.serviceCodes',
        'UnitScoreChangedV1.GroupScoreV1.group',
        'UnitUpsertedV1.name',
        // Contacts travel sealed for notify (issue #18): opaque, patterned tokens like any id.
        'TicketIssuedV1.SealedContact.keyId',
        'TicketIssuedV1.SealedContact.box',
        'DossierReceivedV1.SealedContact.box',
      ]),
    );
    expect(fields.length).toBeGreaterThan(40);
  });

  it.each(fields.map((f) => [f.path, f] as const))('%s is an id, code, date or enum', (_, f) => {
    expect(f.names.filter((n) => CODE_LIKE.has(n))).not.toEqual([]);
  });

  it.each(fields.map((f) => [f.path, f] as const))('%s refuses phone and ID numbers, e-mails', (_, f) => {
    expect(PERSONAL_DATA_PROBES.filter((p) => f.accepts(p))).toEqual([]);
  });

  it.each(fields.filter((f) => !PUBLIC_NAME_FIELDS.has(f.path)).map((f) => [f.path, f] as const))(
    '%s refuses names, addresses and sentences',
    (_, f) => {
      expect(FREE_TEXT_PROBES.filter((p) => f.accepts(p))).toEqual([]);
    },
  );

  it('fails on a free-text field (the walk is not vacuous)', () => {
    const legacy = allEventDefinitions().filter((d) => d.consumeOnly);
    expect(legacy.map((d) => `${d.type}@${d.dataversion}`).sort()).toEqual([
      'counter.paused@1',
      'dossier.supplement-requested@1',
    ]);
    for (const d of legacy) {
      const reason = stringFields(d.dataClass).find((f) => f.path.endsWith('.reason'))!;
      expect(reason.names.filter((n) => CODE_LIKE.has(n))).toEqual([]);
      expect(reason.accepts('0912 345 678')).toBe(true);
    }
  });
});
