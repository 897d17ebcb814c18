// @ts-check
/**
 * `npm run typecheck`: type-checks every TypeScript file of the repository, tests included (tsconfig.test.json).
 *
 * jest transpiles tests without type information (isolatedModules: fast, and no test depends on how long
 * the type-checker takes on a busy machine); this is where their types are checked instead, as a CI stage.
 * Reported: the diagnostics of `.ts` files, the same set ts-jest reported when it type-checked. The CommonJS
 * helpers (`.js` with `// @ts-check`) are read for their types but their own diagnostics are not reported here.
 */
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const configPath = path.join(ROOT, 'tsconfig.test.json');
const read = ts.readConfigFile(configPath, ts.sys.readFile);
if (read.error) {
	process.stderr.write(ts.formatDiagnosticsWithColorAndContext([read.error], host()));
	process.exit(2);
}
const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, configPath);
const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
const ours = (/** @type {ts.SourceFile | undefined} */ f) => !f || (/\.tsx?$/.test(f.fileName) && !f.fileName.includes('/node_modules/'));
const diagnostics = [
	...program.getOptionsDiagnostics(),
	...program.getGlobalDiagnostics(),
	...program.getSourceFiles().filter((f) => ours(f) && !f.isDeclarationFile).flatMap((f) => [
		...program.getSyntacticDiagnostics(f),
		...program.getSemanticDiagnostics(f),
	]),
].filter((d) => ours(d.file));

function host() {
	return {
		getCanonicalFileName: (/** @type {string} */ f) => f,
		getCurrentDirectory: () => ROOT,
		getNewLine: () => '\n',
	};
}

const checked = program.getSourceFiles().filter((f) => ours(f) && !f.isDeclarationFile).length;
if (diagnostics.length) {
	process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host()));
	process.stderr.write(`\ntypecheck: ${diagnostics.length} error(s) in ${checked} TypeScript files\n`);
	process.exit(1);
}
process.stdout.write(`typecheck: ${checked} TypeScript files, no errors\n`);
