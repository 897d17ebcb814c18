// @ts-check
'use strict';
/**
 * Plain-JS copies of the TypeScript sources for tests that must load our code in a child process (another time zone,
 * a capped heap), where jest's transform does not reach. `npm test` must pass on a fresh clone without `npm run build`,
 * so these tests cannot read dist/.
 *
 * Every .ts under nodes/ and credentials/ is transpiled (typescript.transpileModule, no type check: `npm run typecheck`
 * does that) into node_modules/.cache/m3amz-compiled/<hash of the sources>/, inside the repository so that bare imports
 * (n8n-workflow, zod) resolve to the project's node_modules. Concurrent jest workers each write a temp folder and
 * rename it into place; the content is the same, so whoever loses the race just uses the winner's folder.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const ROOT = path.resolve(__dirname, '..', '..');
const TREES = ['nodes', 'credentials'];

/** @param {string} dir @returns {string[]} repository-relative paths of .ts files (declarations excluded) */
function tsFiles(dir) {
	/** @type {string[]} */
	const out = [];
	const walk = (/** @type {string} */ rel) => {
		for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
			const r = path.join(rel, e.name);
			if (e.isDirectory()) walk(r);
			else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(r);
		}
	};
	if (fs.existsSync(path.join(ROOT, dir))) walk(dir);
	return out.sort();
}

/** @returns {string} absolute folder holding nodes/... and credentials/... as .js */
function compiledDir() {
	const files = TREES.flatMap(tsFiles);
	const hash = crypto.createHash('sha256');
	const sources = files.map((f) => {
		const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
		hash.update(f).update('\0').update(text).update('\0');
		return text;
	});
	const base = path.join(ROOT, 'node_modules', '.cache', 'm3amz-compiled');
	const dir = path.join(base, hash.digest('hex').slice(0, 16));
	if (fs.existsSync(path.join(dir, '.complete'))) return dir;
	const ts = require('typescript');
	const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019, esModuleInterop: true, sourceMap: false };
	fs.mkdirSync(base, { recursive: true });
	const tmp = fs.mkdtempSync(path.join(base, 'tmp-'));
	files.forEach((f, i) => {
		const js = ts.transpileModule(sources[i], { compilerOptions: options, fileName: f }).outputText;
		const target = path.join(tmp, f.replace(/\.ts$/, '.js'));
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.writeFileSync(target, js);
	});
	fs.writeFileSync(path.join(tmp, '.complete'), '');
	try {
		fs.renameSync(tmp, dir);
	} catch {
		// another worker placed the same content first
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	if (!fs.existsSync(path.join(dir, '.complete'))) throw new Error(`compiled sources missing in ${dir}`);
	// older versions of the sources, left by earlier runs (an hour old: never a folder a running worker still reads)
	for (const e of fs.readdirSync(base)) {
		const old = path.join(base, e);
		if (old !== dir && Date.now() - fs.statSync(old).mtimeMs > 3600e3) fs.rmSync(old, { recursive: true, force: true });
	}
	return dir;
}

module.exports = { compiledDir };
