import { requireReflectMetadata } from './metadata/methodMetadata';

// Checked before tsyringe is loaded, so a missing `import "reflect-metadata"` gets mendkit's
// message, which says what to add and where.
requireReflectMetadata();
