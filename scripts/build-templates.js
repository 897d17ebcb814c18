// @ts-check
/**
 * Writes the workflow templates in workflows/*.json (`node scripts/build-templates.js`; `--check` exits 1 when a
 * committed template differs). Each template is one module in scripts/templates/<template>.js, made of the shared
 * building blocks in scripts/templates/blocks.js. Keeping them as code keeps node names, connections and positions
 * consistent; the JSON files are what users import.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ERROR_WORKFLOW_ID } = require('./templates/blocks');

const OUT = path.resolve(__dirname, '..', 'workflows');

/** @type {Array<{ file: string, json: any }>} in this order in `templates` */
const ALL = [
	'order-to-cash',
	'shipment-feedback',
	'inventory-sync',
	'inventory-reconciliation',
	'catalog-sync',
	'payments-to-gl',
	'returns-to-m3',
	'm3-cancellations',
	'error-handler',
].map((name) => require(`./templates/${name}`));

function main() {
	const check = process.argv.includes('--check');
	let stale = 0;
	fs.mkdirSync(OUT, { recursive: true });
	for (const t of ALL) {
		const text = JSON.stringify(t.json, null, '\t') + '\n';
		const file = path.join(OUT, t.file);
		if (check) {
			if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
				stale++;
				process.stderr.write(`${t.file} differs from scripts/templates/${t.file.replace(/\.json$/, '.js')}\n`);
			}
		} else fs.writeFileSync(file, text);
	}
	process.exit(stale ? 1 : 0);
}

if (require.main === module) main();

module.exports = { templates: ALL.map((t) => t.json), ERROR_WORKFLOW_ID };
