// @ts-check
'use strict';
/**
 * Regenerates ../model-ops.json from the official models (../../../../shared/spapi-models or $SPAPI_MODELS_DIR):
 * per operation: method, path, documented rate/burst (Usage Plan table), parameters, request-body JSON schema.
 * The simulator reads only the generated file, so it runs without the models folder.
 *   node simulators/spapi/tools/gen-model-ops.js
 */
const fs = require('node:fs');
const path = require('node:path');
const { toJsonSchema, paramSchema } = require('../swagger2jsonschema');

const dir = process.env.SPAPI_MODELS_DIR || path.resolve(__dirname, '../../../../shared/spapi-models');
const FILES = {
	'orders_2026-01-01.json': 'orders2026',
	'ordersV0.json': 'ordersV0',
	'feeds_2021-06-30.json': 'feeds',
	'listingsItems_2021-08-01.json': 'listings',
	'fbaInventory.json': 'fbaInventory',
	'finances_2024-06-19.json': 'finances2024',
	'financesV0.json': 'financesV0',
	'notifications.json': 'notifications',
	'sellers.json': 'sellers',
	'tokens_2021-03-01.json': 'tokens',
	'definitionsProductTypes_2020-09-01.json': 'definitions',
	'reports_2021-06-30.json': 'reports',
};
/** @type {any[]} */
const ops = [];
for (const [file, api] of Object.entries(FILES)) {
	const model = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
	for (const [p, item] of Object.entries(model.paths)) {
		for (const [method, op] of Object.entries(/** @type {Record<string, any>} */ (item))) {
			if (!op || !op.responses) continue;
			const rl = /\|\s*([\d.]+)\s*\|\s*(\d+)\s*\|/.exec(op.description || '');
			const params = [...(item.parameters || []), ...(op.parameters || [])].map((x) => (x.$ref ? model.parameters[x.$ref.split('/').pop()] : x));
			const body = params.find((x) => x.in === 'body');
			ops.push({
				api,
				operationId: op.operationId,
				key: `${api}.${op.operationId}`,
				method: method.toUpperCase(),
				path: p,
				deprecated: !!op.deprecated,
				rate: rl ? Number(rl[1]) : null,
				burst: rl ? Number(rl[2]) : null,
				params: params
					.filter((x) => x.in !== 'body')
					.map((x) => ({ name: x.name, in: x.in, required: !!x.required, schema: paramSchema(x) })),
				body: body ? { name: body.name, required: !!body.required, schema: toJsonSchema(model, body.schema) } : null,
			});
		}
	}
}
const out = path.resolve(__dirname, '../model-ops.json');
fs.writeFileSync(out, JSON.stringify({ source: 'amzn/selling-partner-api-models@34dc93f (see shared/spapi-models/README.md)', ops }, null, 0) + '\n');
console.log(`wrote ${ops.length} operations to ${out}`);
