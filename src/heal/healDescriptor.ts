import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { ConfigError } from '../errors/ConfigError';
import { isMendkitError } from '../errors/MendkitError';
import { errorMessage } from '../matching/errorFacts';
import type { MethodInfo } from '../call/MethodInfo';
import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { Healer } from './Healer';
import { healRegistryOf } from './HealRegistry';
import type { HealRule } from './HealSettings';
import { HealStage } from './HealStage';

function resolveHealer(container: DependencyContainer, rule: HealRule, method: MethodInfo): Healer {
  try {
    return container.resolve(rule.healer as unknown as InjectionToken<Healer>);
  } catch (error) {
    if (isMendkitError(error)) throw error;
    throw new ConfigError(
      `@Heal on ${method.label}: could not resolve ${rule.name} from the container ` +
        `(register what it injects, or the healer itself): ${errorMessage(error)}`,
      { cause: error },
    );
  }
}

/**
 * `@Heal`'s stage, with its rules in declaration order. It resolves each healer from the
 * container once per pipeline, so a mis-wired healer fails the first call, not the first heal. As
 * hooks, it acts only on failures: a success passes it at no cost.
 * @throws ConfigError from `build` when a healer cannot be resolved.
 */
export const healDescriptor: DecoratedStageDescriptor<readonly HealRule[]> = {
  name: 'heal',
  key: metadataKey<readonly HealRule[]>('heals'),
  hooks(rules, { method, services }) {
    if (rules === undefined) return undefined;
    const heals = rules.map((rule) => ({ rule, healer: resolveHealer(services.container, rule, method) }));
    return new HealStage(heals, method, services.clock, healRegistryOf(services.container));
  },
};
