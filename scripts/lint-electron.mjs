// Electronegativity over the Electron shell, the preload and the renderer page, failing on any
// medium or high finding (the CLI itself always exits 0). Part of `npm run lint`.
//
// Checks left out, and why:
// - AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list from GitHub: lint
//   must run offline, and its verdict changes with the calendar, not with our code. Run it by
//   hand when upgrading Electron: npx electronegativity -i src -l AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK
// Findings silenced in place (`eng-disable`, with the reason beside it):
// - PRELOAD_JS_CHECK in src/main/electron/windowOptions.ts: raised for every preload, asking for
//   a review; src/preload/index.ts exposes only `invoke` and `on`.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const electronVersion = require('electron/package.json').version;

// (The scanner names global checks by class name when excluding them.)
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];
const FAILING = new Set(['MEDIUM', 'HIGH']);
const input = resolve('src');

// The scanner prints a progress banner through console.log even when used as a library.
const log = console.log;
console.log = () => {};
let result;
try {
  result = await run(
    {
      input,
      customScan: [],
      excludeFromScan: EXCLUDED,
      isRelative: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
} finally {
  console.log = log;
}

const severityOf = (issue) => issue.severity.name;
const rows = result.issues.map((issue) => ({
  check: issue.id,
  severity: severityOf(issue),
  confidence: issue.confidence.name,
  where: `${issue.file}:${issue.location.line}:${issue.location.column}`,
  review: issue.manualReview ? 'à revoir' : '',
}));
for (const error of result.errors.filter((error) => !error.tolerable)) {
  console.error(`electronegativity : fichier illisible ${error.file} : ${error.message}`);
}
const failing = rows.filter((row) => FAILING.has(row.severity));
if (rows.length > 0) console.table(rows);
console.log(
  `electronegativity ${electronVersion} : ${result.atomicChecks + result.globalChecks} vérifications, ` +
    `${rows.length} constat(s), dont ${failing.length} de gravité moyenne ou haute.`,
);
if (failing.length > 0 || result.errors.some((error) => !error.tolerable)) process.exit(1);
