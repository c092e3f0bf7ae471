import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { ConfigError } from '../errors/ConfigError';
import { isMendkitError } from '../errors/MendkitError';
import { errorMessage } from '../matching/errorFacts';
import type { Invoker } from '../call/Invoker';
import type { MethodInfo } from '../call/MethodInfo';
import type { StageContext } from '../pipeline/stageOrder';
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
 * Builds the Heal stage of a method that carries `@Heal`: resolves each healer from the
 * container once per pipeline, so a mis-wired healer fails the first call, not the first heal.
 * @throws ConfigError when a healer cannot be resolved.
 */
export function buildHealStage({ metadata, method, services }: StageContext, next: Invoker): Invoker | undefined {
  if (metadata.heals.length === 0) return undefined;
  const heals = metadata.heals.map((rule) => ({ rule, healer: resolveHealer(services.container, rule, method) }));
  return new HealStage(heals, next, method, services.clock, healRegistryOf(services.container));
}
