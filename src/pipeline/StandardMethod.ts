import { claimDecoratorMode } from '../metadata/decoratorMode';
import { decoratorStore, type Member } from '../metadata/decoratorStore';
import { metadataKey } from '../metadata/MetadataKey';
import type { MetadataStore } from '../metadata/MetadataStore';
import { ownDecoratorMetadata } from '../metadata/symbolMetadata';
import type { DecoratedMethod, MethodSite } from './DecoratedMethod';
import { ownerName } from './ownerName';

type ClassCheck = (owner: object, label: string) => void;

/** The site of a method, kept in its metadata, so all its mendkit decorators share one. */
const SITE = metadataKey<StandardMethod>('site');

/**
 * Walks from a call's `this` (an instance, or a class for a static method) up its prototype chain
 * to the class whose own decorator metadata is `metadata`: the class that declares the method,
 * even when `this` is a subclass's.
 */
function declaringClass(thisArg: unknown, metadata: object): object | undefined {
  let current = thisArg;
  while ((typeof current === 'object' && current !== null) || typeof current === 'function') {
    const candidate: unknown = typeof current === 'function' ? current : Object.hasOwn(current, 'constructor') ? current.constructor : undefined;
    if (typeof candidate === 'function' && ownDecoratorMetadata(candidate) === metadata) return candidate;
    current = Object.getPrototypeOf(current) as unknown;
  }
  return undefined;
}

/**
 * A method standard (TC39) decorators decorate. They run before the class exists: the method's
 * metadata goes to the class's decorator metadata object, and the class is learnt later — from
 * an initializer (`context.addInitializer`: when the class is defined for a static method, when
 * it is first constructed for an instance method), or from the first call's `this`. Checks that
 * need the class wait until then.
 */
export class StandardMethod implements MethodSite {
  readonly methodName: string;
  readonly metadata: MetadataStore;
  private owner: object | undefined;
  private declaringClassName: string | undefined;
  private readonly checks: { decorator: string; check: ClassCheck }[] = [];

  private constructor(
    private readonly classMetadata: object,
    private readonly member: Member,
    /** The decorator that made the site, to name in a message about the whole method. */
    private readonly firstDecorator: string,
  ) {
    this.methodName = String(member.name);
    this.metadata = decoratorStore(classMetadata, member);
  }

  /**
   * The site of `member` of the class whose decorator metadata is `classMetadata`; its first
   * mendkit decorator, `decorator`, makes it.
   */
  static of(classMetadata: object, member: Member, decorator: string): StandardMethod {
    const metadata = decoratorStore(classMetadata, member);
    let site = metadata.get(SITE);
    if (site === undefined) metadata.set(SITE, (site = new StandardMethod(classMetadata, member, decorator)));
    return site;
  }

  /** The declaring class's name, once known. */
  get className(): string {
    return this.declaringClassName ?? '(class not known yet)';
  }

  /** `@Retry on Class.method` once the class is known; before, `@Retry on method` (`static method`). */
  label(decorator: string): string {
    if (this.declaringClassName !== undefined) return `@${decorator} on ${this.declaringClassName}.${this.methodName}`;
    return `@${decorator} on ${this.member.static ? 'static ' : ''}${this.methodName}`;
  }

  /** Runs `check` once the class is known (at once if it is). */
  whenClassIsComplete(decorator: string, check: ClassCheck): void {
    if (this.owner !== undefined) check(this.owner, this.label(decorator));
    else this.checks.push({ decorator, check });
  }

  /**
   * Learns the declaring class from an instance initializer's or a call's `this`, if it is not
   * known yet; does nothing when `thisArg` leads to no class.
   * @throws ConfigError as {@link bindClass}.
   */
  bind(thisArg: unknown): void {
    if (this.owner !== undefined) return;
    const cls = declaringClass(thisArg, this.classMetadata);
    if (cls !== undefined) this.bindClass(cls);
  }

  /**
   * Binds to `cls`, the declaring class: what a static initializer's `this` and a class decorator's
   * value are.
   * @throws ConfigError from a waiting check, or when the class also carries legacy mendkit
   * decorators; then nothing is bound, and the checks run again next time.
   */
  bindClass(cls: object): void {
    if (this.owner !== undefined) return;
    const owner = this.member.static ? cls : (cls as { prototype: object }).prototype;
    const name = ownerName(cls);
    const label = (decorator: string) => `@${decorator} on ${name}.${this.methodName}`;
    claimDecoratorMode(label(this.firstDecorator), cls, 'standard');
    for (const { decorator, check } of this.checks) check(owner, label(decorator));
    this.owner = owner;
    this.declaringClassName = name;
    this.checks.length = 0;
  }

  forCall(thisArg: unknown): DecoratedMethod {
    this.bind(thisArg);
    return this;
  }
}
