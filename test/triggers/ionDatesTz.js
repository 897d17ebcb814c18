// @ts-check
'use strict';
/** Runs parseBodDate (transpiled sources, see harness/compiled.js) in a child process whose host time zone is `tz` (the TZ variable). */
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { compiledDir } = require('../harness/compiled');

/**
 * @param {string} tz host time zone of the child
 * @param {string[]} values raw BOD values
 * @param {string} zone the node's "time zone of dates without offset"
 * @returns {Array<string | null>}
 */
function parseInHostZone(tz, values, zone) {
	const dates = path.join(compiledDir(), 'nodes', 'InforIonTrigger', 'dates.js');
	const script = `const { parseBodDate } = require(${JSON.stringify(dates)});
process.stdout.write(JSON.stringify(${JSON.stringify(values)}.map((v) => parseBodDate(v, ${JSON.stringify(zone)}))));`;
	const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, TZ: tz } });
	if (r.status !== 0) throw new Error(r.stderr);
	return JSON.parse(r.stdout);
}

module.exports = { parseInHostZone };
