// @ts-check
// fs access for the template tests (not allowed in linted .ts files)
const fs = require('node:fs');
const path = require('node:path');
const { templates } = require('../../scripts/build-templates');

const dir = path.resolve(__dirname, '..', '..', 'workflows');

function committed() {
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ file: f, json: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}

module.exports = { committed, generated: templates };
