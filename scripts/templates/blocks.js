// @ts-check
/**
 * The building blocks every workflow template is made of (scripts/templates/<template>.js; scripts/build-templates.js
 * writes them to workflows/*.json): node types, credential placeholders, the Settings node and expressions reading
 * it, sticky notes, the workflow envelope (ids, positions, connections, settings), node factories of this package's
 * nodes, `template()` (the layout all templates but the error handler share), the example seller's values; and,
 * re-exported from ./deadLetter.js, the failure handling (Keep …, Fail the execution, Replay dead letter).
 *
 * Conventions: node types "n8n-nodes-m3-amazon.<name>" (the package installed under ~/.n8n/nodes); one "Settings"
 * node (Edit Fields) per template holds every value a user configures; downstream nodes read it with
 * `$('Settings').item.json.<name>`; failing items go to clearly named branches and the workflow names the
 * error-handler workflow in settings.errorWorkflow.
 */
const { createHash } = require('node:crypto');
const dl = require('./deadLetter');

/** @typedef {import('./deadLetter').At} At @typedef {import('./deadLetter').Link} Link */

const P = 'n8n-nodes-m3-amazon.';
const ERROR_WORKFLOW_ID = 'm3amzErrorHandler';

const CREDS = {
	m3: { inforM3Api: { id: 'm3amzInforM3', name: 'Infor M3 account' } },
	sp: { amazonSpApi: { id: 'm3amzAmazonSpApi', name: 'Amazon SP-API account' } },
	sqs: { awsSqsApi: { id: 'm3amzAwsSqs', name: 'AWS SQS (SP-API notifications)' } },
	ion: { inforIonWebhookApi: { id: 'm3amzIonWebhook', name: 'ION API connection point' } },
};

/** deterministic ids so regenerating does not churn the files @param {string} wf @param {string} name */
function uuid(wf, name) {
	const h = createHash('sha1').update(`${wf}/${name}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** @param {Record<string, unknown>} values */
function settingsNode(values) {
	let n = 0;
	return {
		name: 'Settings',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			assignments: {
				assignments: Object.entries(values).map(([name, value]) => ({
					id: String(++n),
					name,
					value: typeof value === 'object' ? JSON.stringify(value, null, 2) : value,
					type: Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value,
				})),
			},
			includeOtherFields: true,
			options: {},
		},
	};
}

/** @param {string} name @param {string} content @param {number} height @param {number} width */
function sticky(name, content, height = 300, width = 480) {
	return { name, type: 'n8n-nodes-base.stickyNote', typeVersion: 1, parameters: { content, height, width, color: 4 } };
}

/**
 * @param {string} file @param {string} name @param {string} id
 * @param {Array<any>} nodes each with optional `at: [col, row]`
 * @param {Link[]} links [from, to, fromOutput, toInput]
 * @param {{ errorWorkflow?: boolean }} [opts]
 */
function workflow(file, name, id, nodes, links, opts = {}) {
	/** @type {Record<string, any>} */
	const connections = {};
	for (const [from, to, out = 0, input = 0] of links) {
		connections[from] = connections[from] ?? { main: [] };
		while (connections[from].main.length <= out) connections[from].main.push([]);
		connections[from].main[out].push({ node: to, type: 'main', index: input });
	}
	const names = new Set(nodes.map((n) => n.name));
	for (const [from, to] of links) {
		if (!names.has(from) || !names.has(to)) throw new Error(`${file}: link ${from} -> ${to} names an unknown node`);
	}
	return {
		file,
		json: {
			id,
			name,
			nodes: nodes.map((n) => {
				const { at, ...rest } = n;
				const node = {
					id: uuid(id, n.name),
					name: n.name,
					type: n.type,
					typeVersion: n.typeVersion ?? 1,
					// sticky notes (no `at`) sit above the first row of nodes, clear of them
					position: at ? [at[0] * 260, at[1] * 200] : [-60, -((n.parameters?.height ?? 300) + 60)],
					parameters: n.parameters ?? {},
				};
				for (const k of ['credentials', 'disabled', 'onError', 'retryOnFail', 'maxTries', 'waitBetweenTries', 'notes', 'executeOnce', 'alwaysOutputData', 'webhookId']) {
					if (rest[k] !== undefined) /** @type {any} */ (node)[k] = rest[k];
				}
				return node;
			}),
			connections,
			settings: {
				executionOrder: 'v1',
				timezone: 'UTC',
				saveDataErrorExecution: 'all',
				saveDataSuccessExecution: 'all',
				...(opts.errorWorkflow === false ? {} : { errorWorkflow: ERROR_WORKFLOW_ID }),
			},
			pinData: {},
			meta: { templateCredsSetupCompleted: false },
			tags: [],
		},
	};
}

const { S } = dl;

/** `={{ $('Settings').item.json.<k> }}`: the Settings value of this item @param {string} k */
const setting = (k) => `={{ ${S(k)} }}`;
/** `={{ $('Settings').first().json.<k> }}`: the Settings value of the run @param {string} k */
const firstSetting = (k) => `={{ $('Settings').first().json.${k} }}`;

/** A node whose failed items go to its error output (a "Keep …" node). */
const ERRORS_TO_KEEP = { onError: 'continueErrorOutput' };

/** @param {string} name @param {At} at @param {Record<string, unknown>} interval one rule.interval entry */
function schedule(name, at, interval) {
	return { name, type: 'n8n-nodes-base.scheduleTrigger', typeVersion: 1.2, at, parameters: { rule: { interval: [interval] } } };
}

/**
 * Nodes of this package: Infor M3 (M3 credential), Amazon Selling Partner (SP-API credential), M3 Amazon Transform (none).
 * `extra`: credentials (another one), onError (ERRORS_TO_KEEP), executeOnce, disabled, ...
 * @param {string} name @param {At} at @param {Record<string, unknown>} parameters @param {Record<string, unknown>} [extra]
 */
function inforM3(name, at, parameters, extra = {}) {
	return { name, type: `${P}inforM3`, at, parameters, credentials: CREDS.m3, ...extra };
}
/** @param {string} name @param {At} at @param {Record<string, unknown>} parameters @param {Record<string, unknown>} [extra] */
function amazon(name, at, parameters, extra = {}) {
	return { name, type: `${P}amazonSellingPartner`, at, parameters, credentials: CREDS.sp, ...extra };
}
/** @param {string} name @param {At} at @param {Record<string, unknown>} parameters */
function transform(name, at, parameters) {
	return { name, type: `${P}m3AmazonTransform`, at, parameters };
}

/**
 * A template in the pattern every one but the error handler follows: "About this workflow" (sticky note), the
 * triggers, each linked to "Settings" (at [1, 0]), the template's own nodes and links, its dead-letter branch
 * (deadLetterBranch) and its "Replay dead letter" path (replayPath).
 * @param {{ file: string, name: string, id: string, about: { height: number, width: number, text: string },
 *   triggers: any[], settings: Record<string, unknown>, nodes: any[], links: Link[],
 *   deadLetter: Parameters<typeof dl.deadLetterBranch>[0], replay: Parameters<typeof dl.replayPath>[0] }} t
 */
function template(t) {
	const failures = dl.deadLetterBranch(t.deadLetter);
	const replay = dl.replayPath(t.replay);
	return workflow(
		t.file,
		t.name,
		t.id,
		[
			sticky('About this workflow', t.about.text, t.about.height, t.about.width),
			...t.triggers,
			{ ...settingsNode(t.settings), at: [1, 0] },
			...t.nodes,
			...failures.nodes,
			...replay.nodes,
		],
		[...t.triggers.map((n) => /** @type {Link} */ ([n.name, 'Settings'])), ...t.links, ...failures.links, ...replay.links],
	);
}

/**
 * The example seller of the templates (and of the simulators' demo world): its marketplaces (US, CA, UK, DE, FR) and
 * the M3 customer each one is sold to, in the shapes the Settings of the templates take.
 */
const MARKETPLACE_CUSTOMERS = [
	['ATVPDKIKX0DER', 'AMZUS01'],
	['A2EUQ1WTGCTBG2', 'AMZCA01'],
	['A1F83G8C2ARO7P', 'AMZUK01'],
	['A1PA6795UKMFR9', 'AMZDE01'],
	['A13V1IB3VIYZZH', 'AMZFR01'],
];
const EXAMPLE_SELLER = {
	/** marketplace -> { CUNO } (order-to-cash, returns-to-m3) */
	customerMap: Object.fromEntries(MARKETPLACE_CUSTOMERS.map(([m, c]) => [m, { CUNO: c }])),
	/** customer -> marketplace (shipment-feedback) */
	marketplaceByCustomer: Object.fromEntries(MARKETPLACE_CUSTOMERS.map(([m, c]) => [c, m])),
	/** the customers, comma-separated (shipment-feedback, m3-cancellations) */
	amazonCustomers: MARKETPLACE_CUSTOMERS.map(([, c]) => c).join(','),
};

/** The Settings quantityRule() reads (inventory-sync, inventory-reconciliation). */
const QUANTITY_SETTINGS = { warehouses: '001,002', figure: 'AV01', bufferType: 'absolute', bufferValue: 2, minQuantity: 0, maxQuantity: 999, skuAliasType: '1' };

/** The safety buffer and clamp of a quantity (Transform inventory parameters, from Settings): sync and compare. */
function bufferRule() {
	return {
		bufferType: firstSetting('bufferType'),
		bufferValue: firstSetting('bufferValue'),
		minQuantity: firstSetting('minQuantity'),
		maxQuantity: firstSetting('maxQuantity'),
	};
}

/** The quantity rule inventory-sync and inventory-reconciliation share (Transform inventory parameters, from Settings). */
function quantityRule() {
	return { figure: firstSetting('figure'), ...bufferRule(), itemMode: 'field', warehouses: firstSetting('warehouses') };
}

module.exports = {
	...dl,
	P,
	CREDS,
	ERROR_WORKFLOW_ID,
	setting,
	firstSetting,
	ERRORS_TO_KEEP,
	sticky,
	workflow,
	template,
	schedule,
	inforM3,
	amazon,
	transform,
	EXAMPLE_SELLER,
	QUANTITY_SETTINGS,
	bufferRule,
	quantityRule,
};
