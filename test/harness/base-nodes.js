// @ts-check
/**
 * Stand-ins for the n8n-nodes-base nodes our templates use (n8n-nodes-base is not installed: it pulls ~90 runtime
 * packages). Each one takes the real node's parameters (same names, same versions) and does what the real node does
 * for the subset the templates use, checked against n8n-nodes-base 2.41.1's sources:
 *   Manual/Schedule/Error/Execute-Workflow triggers, No Op      pass-through
 *   Edit Fields (Set) 3.3/3.4      manual mapping (typed assignments) and raw JSON mode
 *   Merge 3.x "append"             N inputs (numberInputs), items concatenated unchanged (as Merge's append does);
 *                                  requiredInputs 1, so n8n-core runs it once the other branches are done
 *   Stop and Error                 throws a NodeOperationError with the message: the execution fails
 *   Data table 1/1.1               rows in a per-session store (createDataTableStore): row insert/upsert/get/update/
 *                                  delete, table create; a missing table or an unknown column fails like n8n's
 * Everything that talks to M3 or Amazon is our real code.
 */
const { NodeOperationError } = require('n8n-workflow');

/** @param {string} name @param {string} displayName @param {boolean} trigger */
function passThroughNode(name, displayName, trigger) {
	return {
		description: {
			displayName,
			name,
			group: trigger ? ['trigger'] : ['transform'],
			version: [1, 1.1, 1.2, 1.3],
			description: `${displayName} (test harness stand-in)`,
			defaults: { name: displayName },
			inputs: trigger ? [] : ['main'],
			outputs: ['main'],
			properties: [],
		},
		/** @this {import('n8n-workflow').IExecuteFunctions} */
		async execute() {
			const items = this.getInputData();
			return [items.length ? items : [{ json: {} }]];
		},
	};
}

/** @param {unknown} v */
function parseJsonOutput(v) {
	if (typeof v === 'string') return JSON.parse(v);
	return v;
}

/**
 * Edit Fields (Set) v3.3+: "manual" mode with typed assignments (other input fields kept when includeOtherFields),
 * "raw" mode with jsonOutput (a JSON text or an object from an expression) as the whole item.
 */
const SET_NODE = {
	description: {
		displayName: 'Edit Fields (Set)',
		name: 'set',
		group: ['input'],
		version: [3, 3.1, 3.2, 3.3, 3.4],
		description: 'Edit Fields (test harness stand-in)',
		defaults: { name: 'Edit Fields' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'options', options: [{ name: 'Manual Mapping', value: 'manual' }, { name: 'JSON', value: 'raw' }], default: 'manual' },
			{ displayName: 'JSON', name: 'jsonOutput', type: 'json', default: '{}', displayOptions: { show: { mode: ['raw'] } } },
			{ displayName: 'Fields to Set', name: 'assignments', type: 'assignmentCollection', default: {}, displayOptions: { show: { mode: ['manual'] } } },
			{ displayName: 'Include Other Input Fields', name: 'includeOtherFields', type: 'boolean', default: false },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	},
	/** @this {import('n8n-workflow').IExecuteFunctions} */
	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const mode = /** @type {string} */ (this.getNodeParameter('mode', i, 'manual'));
			const include = /** @type {boolean} */ (this.getNodeParameter('includeOtherFields', i, false));
			/** @type {Record<string, unknown>} */
			let json = include ? { ...items[i].json } : {};
			if (mode === 'raw') {
				let parsed;
				try {
					parsed = parseJsonOutput(this.getNodeParameter('jsonOutput', i));
				} catch (e) {
					throw new NodeOperationError(this.getNode(), `'JSON Output' in item ${i} does not contain a valid JSON object`, { itemIndex: i });
				}
				if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
					throw new NodeOperationError(this.getNode(), `'JSON Output' in item ${i} does not contain a valid JSON object`, { itemIndex: i });
				}
				json = { ...json, ...parsed };
			} else {
				const assignments = /** @type {Array<{name: string, value: unknown, type?: string}>} */ (
					this.getNodeParameter('assignments.assignments', i, [])
				);
				for (const a of assignments) {
					let v = a.value;
					if (a.type === 'number' && typeof v === 'string') v = Number(v);
					if (a.type === 'boolean' && typeof v === 'string') v = v === 'true';
					if ((a.type === 'object' || a.type === 'array') && typeof v === 'string') v = JSON.parse(v);
					json[a.name] = v;
				}
			}
			out.push({ json, pairedItem: { item: i } });
		}
		return [out];
	},
};

/** Merge v3 (append): `numberInputs` inputs, their items one after the other, unchanged. */
const MERGE_NODE = {
	description: {
		displayName: 'Merge',
		name: 'merge',
		group: ['transform'],
		version: [3, 3.1, 3.2],
		description: 'Merge (test harness stand-in: append)',
		defaults: { name: 'Merge' },
		inputs: '={{ Array.from({ length: Math.max(2, Number($parameter.numberInputs) || 2) }, () => "main") }}',
		outputs: ['main'],
		requiredInputs: 1,
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'options', options: [{ name: 'Append', value: 'append' }], default: 'append' },
			{ displayName: 'Number of Inputs', name: 'numberInputs', type: 'options', options: [2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ name: String(n), value: n })), default: 2 },
		],
	},
	/** @this {import('n8n-workflow').IExecuteFunctions} */
	async execute() {
		if (this.getNodeParameter('mode', 0) !== 'append') throw new NodeOperationError(this.getNode(), 'The harness Merge stand-in only appends');
		const n = Math.max(2, Number(this.getNodeParameter('numberInputs', 0, 2)) || 2);
		const out = [];
		for (let i = 0; i < n; i++) {
			let items = [];
			try {
				items = this.getInputData(i) ?? [];
			} catch {
				items = [];
			}
			out.push(...items);
		}
		return [out];
	},
};

/** Stop and Error v1: throws, the execution fails (and its error workflow runs). */
const STOP_AND_ERROR_NODE = {
	description: {
		displayName: 'Stop and Error',
		name: 'stopAndError',
		group: ['input'],
		version: 1,
		description: 'Stop and Error (test harness stand-in)',
		defaults: { name: 'Stop and Error' },
		inputs: ['main'],
		outputs: [],
		properties: [
			{ displayName: 'Error Type', name: 'errorType', type: 'options', options: [{ name: 'Error Message', value: 'errorMessage' }], default: 'errorMessage' },
			{ displayName: 'Error Message', name: 'errorMessage', type: 'string', default: '' },
		],
	},
	/** @this {import('n8n-workflow').IExecuteFunctions} */
	async execute() {
		throw new NodeOperationError(this.getNode(), String(this.getNodeParameter('errorMessage', 0)));
	},
};

// ---------------------------------------------------------------------------------------------
// Data table
// ---------------------------------------------------------------------------------------------
const SYSTEM_COLUMNS = ['id', 'createdAt', 'updatedAt'];
const COLUMN_TYPES = ['string', 'number', 'boolean', 'date'];

/**
 * n8n's data tables as one session keeps them (n8n stores them in its database: they survive restarts).
 * @typedef {{ id: string, name: string, columns: Array<{ name: string, type: string }>, rows: Array<Record<string, any>>, nextId: number }} Table
 */
function createDataTableStore() {
	/** @type {Map<string, Table>} */
	const tables = new Map();
	let seq = 0;
	return {
		tables,
		/** @param {string} name @param {Array<{ name: string, type: string }>} columns */
		create(name, columns) {
			const existing = [...tables.values()].find((t) => t.name === name);
			if (existing) return existing;
			for (const c of columns) {
				if (!COLUMN_TYPES.includes(c.type)) throw new Error(`column ${c.name}: unknown type ${c.type}`);
				if (SYSTEM_COLUMNS.includes(c.name)) throw new Error(`column ${c.name} is a system column`);
			}
			const t = { id: `dt${++seq}`, name, columns: columns.map((c) => ({ name: c.name, type: c.type })), rows: [], nextId: 1 };
			tables.set(t.id, t);
			return t;
		},
		/** @param {{ mode?: string, value?: string } | string} locator */
		find(locator) {
			const l = typeof locator === 'string' ? { mode: 'id', value: locator } : locator;
			if (l.mode === 'name') return [...tables.values()].find((t) => t.name.toLowerCase() === String(l.value).toLowerCase());
			return tables.get(String(l.value));
		},
		/** rows of a table by name (for tests) @param {string} name */
		rows(name) {
			return [...tables.values()].find((t) => t.name === name)?.rows.map((r) => ({ ...r })) ?? [];
		},
	};
}

/** @param {Table} t @param {Record<string, unknown>} data @param {import('n8n-workflow').INode} node @param {number} i */
function checkRow(t, data, node, i) {
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const [k, v] of Object.entries(data)) {
		const col = t.columns.find((c) => c.name === k);
		if (!col) throw new NodeOperationError(node, `unknown column name '${k}'`, { itemIndex: i });
		if (v === undefined || v === null || v === '') {
			out[k] = col.type === 'string' && v === '' ? '' : null;
			continue;
		}
		if (Array.isArray(v) || (typeof v === 'object' && !(v instanceof Date) && typeof (/** @type {any} */ (v).toISO) !== 'function')) {
			throw new NodeOperationError(node, `unexpected object input '${JSON.stringify(v)}' in row ${i}`, { itemIndex: i });
		}
		if (col.type === 'string') out[k] = String(v);
		else if (col.type === 'number') {
			const n = Number(v);
			if (!Number.isFinite(n)) throw new NodeOperationError(node, `value '${String(v)}' does not match column type 'number': '${k}'`, { itemIndex: i });
			out[k] = n;
		} else if (col.type === 'boolean') {
			if (typeof v !== 'boolean' && v !== 'true' && v !== 'false') throw new NodeOperationError(node, `value '${String(v)}' does not match column type 'boolean': '${k}'`, { itemIndex: i });
			out[k] = v === true || v === 'true';
		} else {
			const d = v instanceof Date ? v : typeof (/** @type {any} */ (v).toISO) === 'function' ? new Date(/** @type {any} */ (v).toISO()) : new Date(String(v));
			if (Number.isNaN(d.getTime())) throw new NodeOperationError(node, `value '${String(v)}' does not match column type 'date': '${k}'`, { itemIndex: i });
			out[k] = d.toISOString();
		}
	}
	return out;
}

/** @param {Table} t @param {import('n8n-workflow').IExecuteFunctions} ctx @param {number} i */
function filterOf(t, ctx, i) {
	const conditions = /** @type {Array<{ keyName: string, condition?: string, keyValue?: unknown }>} */ (ctx.getNodeParameter('filters.conditions', i, []));
	const matchType = ctx.getNodeParameter('matchType', i, 'anyCondition');
	for (const c of conditions) {
		if (!SYSTEM_COLUMNS.includes(c.keyName) && !t.columns.some((col) => col.name === c.keyName)) {
			throw new NodeOperationError(ctx.getNode(), `Filter validation failed: Column(s) "${c.keyName}" do not exist in the selected table.`);
		}
	}
	/** @param {Record<string, any>} row */
	const test = (row) => {
		const results = conditions.map((c) => {
			const v = row[c.keyName];
			const want = c.keyValue;
			switch (c.condition ?? 'eq') {
				case 'eq':
					return String(v ?? '') === String(want ?? '') && !(v === null && want !== null && want !== '');
				case 'neq':
					return String(v ?? '') !== String(want ?? '');
				case 'isEmpty':
					return v === null || v === undefined || v === '';
				case 'isNotEmpty':
					return !(v === null || v === undefined || v === '');
				case 'isTrue':
					return v === true;
				case 'isFalse':
					return v === false;
				case 'gt':
					return v > want;
				case 'lt':
					return v < want;
				default:
					throw new NodeOperationError(ctx.getNode(), `The harness data table stand-in does not support condition ${c.condition}`);
			}
		});
		if (!results.length) return true;
		return matchType === 'allConditions' ? results.every(Boolean) : results.some(Boolean);
	};
	return { conditions, test };
}

/** @param {ReturnType<typeof createDataTableStore>} store */
function dataTableNode(store) {
	return {
		description: {
			displayName: 'Data table',
			name: 'dataTable',
			group: ['input', 'transform'],
			version: [1, 1.1],
			description: 'Data table (test harness stand-in)',
			defaults: { name: 'Data table' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{ displayName: 'Resource', name: 'resource', type: 'options', options: [{ name: 'Row', value: 'row' }, { name: 'Table', value: 'table' }], default: 'row' },
				{ displayName: 'Operation', name: 'operation', type: 'string', default: 'insert' },
				{ displayName: 'Data table', name: 'dataTableId', type: 'resourceLocator', default: { mode: 'list', value: '' }, modes: [{ displayName: 'Name', name: 'name', type: 'string' }, { displayName: 'ID', name: 'id', type: 'string' }, { displayName: 'List', name: 'list', type: 'list' }] },
				{ displayName: 'Columns', name: 'columns', type: 'json', default: {} },
				{ displayName: 'Must Match', name: 'matchType', type: 'options', options: [{ name: 'Any', value: 'anyCondition' }, { name: 'All', value: 'allConditions' }], default: 'anyCondition' },
				{ displayName: 'Conditions', name: 'filters', type: 'json', default: {} },
				{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false },
				{ displayName: 'Limit', name: 'limit', type: 'number', default: 50 },
				{ displayName: 'Name', name: 'tableName', type: 'string', default: '' },
				{ displayName: 'Options', name: 'options', type: 'json', default: {} },
			],
		},
		/** @this {import('n8n-workflow').IExecuteFunctions} */
		async execute() {
			const items = this.getInputData();
			const resource = this.getNodeParameter('resource', 0);
			const operation = this.getNodeParameter('operation', 0);
			const node = this.getNode();
			const out = [];
			const now = () => new Date().toISOString();
			for (let i = 0; i < items.length; i++) {
				if (resource === 'table') {
					if (operation !== 'create') throw new NodeOperationError(node, `table ${operation} is not supported by the harness stand-in`);
					const columns = /** @type {Array<{name: string, type: string}>} */ (this.getNodeParameter('columns.column', i, []));
					const t = store.create(String(this.getNodeParameter('tableName', i)), columns);
					out.push({ json: { id: t.id, name: t.name }, pairedItem: { item: i } });
					continue;
				}
				const locator = /** @type {any} */ (this.getNodeParameter('dataTableId', i));
				const t = store.find(locator);
				if (!t) throw new NodeOperationError(node, `Data table with name "${locator?.value}" not found`, { itemIndex: i });
				const data = () => {
					const mode = this.getNodeParameter('columns.mappingMode', i, 'defineBelow');
					const raw = mode === 'autoMapInputData' ? { ...items[i].json } : /** @type {Record<string, unknown>} */ (this.getNodeParameter('columns.value', i, {}) ?? {});
					for (const s of SYSTEM_COLUMNS) delete raw[s];
					return checkRow(t, raw, node, i);
				};
				if (operation === 'insert') {
					const row = { id: t.nextId++, createdAt: now(), updatedAt: now(), ...data() };
					t.rows.push(row);
					out.push({ json: { ...row }, pairedItem: { item: i } });
				} else if (operation === 'upsert' || operation === 'update' || operation === 'deleteRows' || operation === 'get') {
					const f = filterOf(t, this, i);
					if (operation !== 'get' && f.conditions.length === 0) throw new NodeOperationError(node, 'At least one condition is required');
					const hits = t.rows.filter(f.test);
					if (operation === 'get') {
						const returnAll = this.getNodeParameter('returnAll', i, false);
						const limit = returnAll ? hits.length : Number(this.getNodeParameter('limit', i, 50));
						for (const r of hits.slice(0, limit)) out.push({ json: { ...r }, pairedItem: { item: i } });
					} else if (operation === 'deleteRows') {
						t.rows = t.rows.filter((r) => !hits.includes(r));
						for (const r of hits) out.push({ json: { ...r }, pairedItem: { item: i } });
					} else if (hits.length) {
						const d = data();
						for (const r of hits) {
							Object.assign(r, d, { updatedAt: now() });
							out.push({ json: { ...r }, pairedItem: { item: i } });
						}
					} else if (operation === 'upsert') {
						const row = { id: t.nextId++, createdAt: now(), updatedAt: now(), ...data() };
						t.rows.push(row);
						out.push({ json: { ...row }, pairedItem: { item: i } });
					}
				} else {
					throw new NodeOperationError(node, `row ${operation} is not supported by the harness stand-in`);
				}
			}
			return [out];
		},
	};
}

const BASE_NODES = {
	'n8n-nodes-base.set': SET_NODE,
	'n8n-nodes-base.merge': MERGE_NODE,
	'n8n-nodes-base.stopAndError': STOP_AND_ERROR_NODE,
	'n8n-nodes-base.manualTrigger': passThroughNode('manualTrigger', 'Manual Trigger', true),
	'n8n-nodes-base.scheduleTrigger': passThroughNode('scheduleTrigger', 'Schedule Trigger', true),
	'n8n-nodes-base.errorTrigger': passThroughNode('errorTrigger', 'Error Trigger', true),
	'n8n-nodes-base.executeWorkflowTrigger': passThroughNode('executeWorkflowTrigger', 'Execute Workflow Trigger', true),
	'n8n-nodes-base.noOp': passThroughNode('noOp', 'No Operation, do nothing', false),
	'n8n-nodes-base.stickyNote': {
		description: {
			displayName: 'Sticky Note',
			name: 'stickyNote',
			group: ['input'],
			version: [1],
			description: 'Annotation',
			defaults: { name: 'Sticky Note' },
			inputs: [],
			outputs: [],
			properties: [],
		},
	},
};

module.exports = { BASE_NODES, createDataTableStore, dataTableNode };
