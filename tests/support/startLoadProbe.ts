/**
 * Run in a child process by tests/unit/lazyPdf.test.ts: opens a core on an empty data directory
 * as a desk's start does, then prints, as JSON, which of PDFKit's modules were loaded and which
 * font files were read. Nothing of our own is replaced: Node's module hooks and `fs` only watch.
 */
import fs from 'node:fs';
import { registerHooks, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';

const loaded: string[] = [];
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    loaded.push(resolved.url);
    return resolved;
  },
});
const fontsRead: string[] = [];
const readFileSync = fs.readFileSync;
fs.readFileSync = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
  if (typeof file === 'string' && file.endsWith('.ttf')) fontsRead.push(file);
  return (readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
}) as typeof fs.readFileSync;
syncBuiltinESMExports();

const [dataDir, resourcesDir] = process.argv.slice(2) as [string, string];
const { createCore } = await import('../../src/main/core/createCore');
const core = createCore({
  dataDir,
  resourcesDir,
  portal: { url: 'http://127.0.0.1:9', timeoutMs: 1_000 },
  trainingMode: false,
  log: () => {},
});
await core.close();
process.stdout.write(
  JSON.stringify({
    pdfModules: loaded.filter((url) => /node_modules\/(pdfkit|@noble\/ciphers)\//.test(url)),
    fontsRead: fontsRead.map((file) => join('fonts', file.split('/').pop() ?? '')),
  }),
);
