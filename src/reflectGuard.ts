import { loadReflectMetadata } from './metadata/reflectMetadata';
import './metadata/symbolMetadata';

// Before tsyringe is loaded, which refuses to load without a Reflect metadata polyfill: a program
// on standard decorators need not import one, so mendkit loads it. Legacy decorators check, when
// they run, that the program loaded it itself, first. `Symbol.metadata` is installed here too,
// before any decorated class is defined.
loadReflectMetadata();
