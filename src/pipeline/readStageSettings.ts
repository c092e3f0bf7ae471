import type { StageDescriptor } from '../call/StageDescriptor';
import type { MetadataStore } from '../metadata/MetadataStore';

/**
 * The one reader the pipeline uses: the settings a stage's decorator recorded on a method (its
 * own, never an inherited one), typed by the stage, from whichever store the decorators' convention
 * wrote to; undefined when the method does not carry it.
 */
export function readStageSettings<S>(stage: StageDescriptor<S>, metadata: MetadataStore): S | undefined {
  return stage.key === undefined ? undefined : metadata.get(stage.key);
}
