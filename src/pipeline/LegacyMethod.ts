import { reflectStore } from '../metadata/reflectStore';
import type { MetadataStore } from '../metadata/MetadataStore';
import type { DecoratedMethod, MethodSite } from './DecoratedMethod';
import { ownerName } from './ownerName';

/** A method legacy decorators (`experimentalDecorators`) decorate: its class exists, so all is known at once. */
export class LegacyMethod implements MethodSite {
  readonly className: string;
  readonly methodName: string;
  readonly metadata: MetadataStore;

  /** @param owner the prototype, or the class for a static method. */
  constructor(
    readonly owner: object,
    property: string | symbol,
  ) {
    this.className = ownerName(owner);
    this.methodName = String(property);
    this.metadata = reflectStore(owner, property);
  }

  /** `@Retry on Class.method`. */
  label(decorator: string): string {
    return `@${decorator} on ${this.className}.${this.methodName}`;
  }

  /** Legacy decorators run once the class is complete: runs `check` at once. */
  whenClassIsComplete(decorator: string, check: (owner: object, label: string) => void): void {
    check(this.owner, this.label(decorator));
  }

  forCall(): DecoratedMethod {
    return this;
  }
}
