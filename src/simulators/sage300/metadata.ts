import {
  COMPLEX_TYPES,
  ENTITY_SETS,
  ENUMS,
  type EntityType,
  modelNamespace,
  type PropertyType,
  type SageModule,
} from './entity-model.js';

/**
 * `GET …/{MODULE}/$metadata`: an EDMX 4.0 document in the shape of DEVREF22's extract (sheet §3.7): one
 * schema per module namespace with the entity, complex and enum types, and a `Default.Container` listing
 * the module's entity sets. Details are complex types, as Sage's code generator registers them.
 */
const EDM: Record<string, string> = {
  S: 'Edm.String',
  D: 'Edm.Decimal',
  I: 'Edm.Int32',
  B: 'Edm.Boolean',
  T: 'Edm.DateTimeOffset',
};

export function edmTypeName(module: SageModule, type: PropertyType): string {
  if (type.startsWith('E:')) return `${modelNamespace(module)}.${type.slice(2)}`;
  if (type.startsWith('C:')) return `Collection(${modelNamespace(module)}.${type.slice(2)})`;
  return EDM[type] ?? 'Edm.String';
}

function propertyXml(type: EntityType): string {
  return [...type.properties]
    .map(([name, t]) => {
      const nullable = t === 'T' || t.startsWith('C:') ? '' : ' Nullable="false"';
      return `<Property Name="${name}" Type="${edmTypeName(type.module, t)}"${nullable} />`;
    })
    .join('');
}

function enumsUsed(types: readonly EntityType[]): string[] {
  const used = new Set<string>();
  for (const t of types) for (const p of t.properties.values()) if (p.startsWith('E:')) used.add(p.slice(2));
  return [...used].sort();
}

export function buildMetadata(module: SageModule): string {
  const sets = ENTITY_SETS.filter((s) => s.type.module === module);
  const entityTypes = sets.map((s) => s.type);
  const complex = COMPLEX_TYPES.filter((t) => t.module === module);
  const all = [...entityTypes, ...complex];
  const ns = modelNamespace(module);
  const entityXml = entityTypes
    .map(
      (t) =>
        `<EntityType Name="${t.name}"><Key>${t.key.map((k) => `<PropertyRef Name="${k}" />`).join('')}</Key>${propertyXml(t)}</EntityType>`,
    )
    .join('');
  const complexXml = complex.map((t) => `<ComplexType Name="${t.name}">${propertyXml(t)}</ComplexType>`).join('');
  const enumXml = enumsUsed(all)
    .map(
      (e) =>
        `<EnumType Name="${e}">${(ENUMS[e] ?? []).map((m, i) => `<Member Name="${m}" Value="${i}" />`).join('')}</EnumType>`,
    )
    .join('');
  const setXml = sets.map((s) => `<EntitySet Name="${s.name}" EntityType="${ns}.${s.type.name}" />`).join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>' +
    `<Schema Namespace="${ns}" xmlns="http://docs.oasis-open.org/odata/ns/edm">${entityXml}${complexXml}${enumXml}</Schema>` +
    `<Schema Namespace="Default" xmlns="http://docs.oasis-open.org/odata/ns/edm"><EntityContainer Name="Container">${setXml}</EntityContainer></Schema>` +
    '</edmx:DataServices></edmx:Edmx>'
  );
}
