// Regenerates docs/canonical/*.schema.json from the compiled canonical model:
//   npx tsc -p tsconfig.json --outDir /tmp/transform-dist && M3AMZ_DIST=/tmp/transform-dist node test/transform/generate-schemas.js
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { generateSchemaFiles } = require('./zod-to-json-schema');

const repo = path.resolve(__dirname, '..', '..');
const dist = process.env.M3AMZ_DIST || path.join(repo, 'dist');
// a dist outside the repo (e.g. /tmp/transform-dist) still resolves zod from the repo's node_modules
process.env.NODE_PATH = [path.join(repo, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
require('node:module').Module._initPaths();
const { canonicalSchemas } = require(path.join(dist, 'nodes', 'shared', 'canonical', 'schemas.js'));
const dir = path.join(repo, 'docs', 'canonical');
fs.mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(generateSchemaFiles(canonicalSchemas))) {
	fs.writeFileSync(path.join(dir, name), text);
	process.stdout.write(`wrote docs/canonical/${name}\n`);
}
