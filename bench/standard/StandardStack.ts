import { Catch, EnsureDirectory, Heal, Retry } from 'mendkit';
import { work } from '../subjects';

/**
 * The `stack` case's class compiled with standard decorators (tsconfig.standard.json builds it to
 * dist-standard/): the success path must cost what the legacy one does.
 */
export class StandardStack {
  @Catch('ENOSPC', () => undefined)
  @Retry({ attempts: 3 })
  @Heal(EnsureDirectory)
  call() {
    return work();
  }
}
