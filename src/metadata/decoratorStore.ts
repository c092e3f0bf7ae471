import type { MetadataKey } from './MetadataKey';
import type { MetadataStore } from './MetadataStore';

/** A class member as standard decorators name it (`context.name`, `context.static`, `context.private`). */
export interface Member {
  readonly name: string | symbol;
  readonly static: boolean;
  readonly private: boolean;
}

type Values = Map<symbol, unknown>;

/** mendkit's part of one class's decorator metadata object. */
interface ClassRecord {
  readonly own: Values;
  /** By placement (`static`, `instance private`…), then by name: `#run` and a public `'#run'` never meet. */
  readonly members: Map<string, Map<string | symbol, Values>>;
}

/** The key of mendkit's record in a decorator metadata object, shared by every copy of mendkit. */
const RECORD = Symbol.for('mendkit:metadata');

function ownRecord(metadata: object): ClassRecord | undefined {
  return Object.hasOwn(metadata, RECORD) ? (metadata as Record<symbol, ClassRecord>)[RECORD] : undefined;
}

function createRecord(metadata: object): ClassRecord {
  const record: ClassRecord = { own: new Map(), members: new Map() };
  // Not enumerable: the object is the class's, and other libraries walk it.
  Object.defineProperty(metadata, RECORD, { value: record });
  return record;
}

function valuesOf(record: ClassRecord, member: Member | undefined, create: boolean): Values | undefined {
  if (member === undefined) return record.own;
  const placement = `${member.static ? 'static' : 'instance'}${member.private ? ' private' : ''}`;
  let byName = record.members.get(placement);
  if (byName === undefined) {
    if (!create) return undefined;
    record.members.set(placement, (byName = new Map()));
  }
  let values = byName.get(member.name);
  if (values === undefined && create) byName.set(member.name, (values = new Map()));
  return values;
}

/** Whether mendkit recorded anything in this decorator metadata object (its own, not a parent class's). */
export function hasMendkitRecord(metadata: object): boolean {
  return ownRecord(metadata) !== undefined;
}

/**
 * Where standard decorators keep mendkit's metadata: in the class's decorator metadata object
 * (`context.metadata`, later `Class[Symbol.metadata]`), for the class itself or for one `member`.
 * A subclass's metadata object inherits its parent's; only own records are read.
 */
export function decoratorStore(metadata: object, member?: Member): MetadataStore {
  return {
    get: <T>(key: MetadataKey<T>) => {
      const record = ownRecord(metadata);
      return record === undefined ? undefined : (valuesOf(record, member, false)?.get(key.symbol) as T | undefined);
    },
    set: (key, value) => {
      valuesOf(ownRecord(metadata) ?? createRecord(metadata), member, true)!.set(key.symbol, value);
    },
  };
}
