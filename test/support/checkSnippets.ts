import path from 'node:path';
import ts from 'typescript';
import { fencedBlocks } from './fencedBlocks';

/** A Markdown file whose TypeScript blocks are to be compiled. */
export interface SnippetSource {
  /** Its path, as error messages should name it (relative to the project root). */
  readonly file: string;
  readonly markdown: string;
}

/** A compile error in a block, placed at its line in the Markdown file (or in the prelude). */
export interface SnippetError {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Fence languages that are compiled; every other fence (`sh`, `text`, `json`, `js`…) is not. */
const TYPESCRIPT = new Set(['ts', 'typescript']);

/**
 * What a reader's project has: strict TypeScript with mendkit's decorator settings. Module
 * `ESNext` allows the top-level `await` many snippets use; the `Bundler` resolution reads the
 * package's `exports`, so `mendkit`, `mendkit/testing` and `mendkit/bullmq` resolve (by the
 * package's own name) to the built declarations a user gets, not to the sources.
 */
const OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  skipLibCheck: true,
  types: ['node'],
  noEmit: true,
};

/**
 * Compiles every TypeScript block of `sources` in one program against the built package in
 * `root`, with `prelude` (a global declaration file for the names blocks use without defining)
 * beside them. Each block is its own module, as it would be in a reader's project.
 * @returns how many blocks were compiled, and every error placed at its Markdown line.
 */
export function checkSnippets(root: string, sources: readonly SnippetSource[], prelude: string): { blocks: number; errors: SnippetError[] } {
  // Virtual files inside the project, so that imports resolve from its node_modules and package.json.
  const blocks = new Map<string, { file: string; line: number; code: string }>();
  for (const { file, markdown } of sources) {
    for (const block of fencedBlocks(markdown)) {
      if (!TYPESCRIPT.has(block.lang)) continue;
      const name = path.join(root, '.docs-snippets', `${blocks.size}.ts`);
      blocks.set(name, { file, line: block.line, code: `${block.code}\nexport {};\n` });
    }
  }
  const host = ts.createCompilerHost(OPTIONS);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => blocks.has(name) || fileExists.call(host, name);
  host.readFile = (name) => blocks.get(name)?.code ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) => {
    const block = blocks.get(name);
    return block === undefined ? getSourceFile.call(host, name, language, ...rest) : ts.createSourceFile(name, block.code, language);
  };
  const program = ts.createProgram({ rootNames: [prelude, ...blocks.keys()], options: OPTIONS, host });
  const errors = ts.getPreEmitDiagnostics(program).map((diagnostic): SnippetError => {
    const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    if (diagnostic.file === undefined) return { file: '(options)', line: 0, message };
    const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
    const block = blocks.get(diagnostic.file.fileName);
    if (block !== undefined) return { file: block.file, line: block.line + line, message };
    return { file: path.relative(root, diagnostic.file.fileName), line: line + 1, message };
  });
  return { blocks: blocks.size, errors };
}
