// @ts-check
'use strict';
/** Reads docs/ion/*.schema.json (CommonJS so tests need no fs/__dirname in .ts). */
const fs = require('node:fs');
const path = require('node:path');

/** @param {string} name @returns {Record<string, unknown>} */
function readSchema(name) {
	return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'ion', name), 'utf8'));
}

module.exports = { readSchema };
