import type { StageDescriptor } from '../call/StageDescriptor';
import { getOwn } from '../metadata/methodMetadata';

/**
 * The one reader the pipeline uses: the settings a stage's decorator recorded on a method (its
 * own, never an inherited one), typed by the stage; undefined when the method does not carry it.
 */
export function readStageSettings<S>(stage: StageDescriptor<S>, owner: object, property: string | symbol): S | undefined {
  return stage.key === undefined ? undefined : getOwn(stage.key, owner, property);
}
