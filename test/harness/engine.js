// @ts-check
/**
 * Runs workflow JSON through n8n-core's own engine (WorkflowExecute), the way n8n's NodeTestHarness does,
 * with this package's node and credential types loaded and credentials injected.
 *
 * Differences from n8n's test harness, on purpose:
 * - credentials go through a real preAuthentication/authenticate cycle (token fetch, 401/403 refresh,
 *   persisted token), like n8n's server-side CredentialsHelper, so auth flows are tested, not mocked;
 * - node types load from TypeScript sources under jest (coverage, no build needed) or from `dist/`
 *   (`from: 'dist'`: the demo, benches, and `HARNESS_FROM_DIST=1 npm test`);
 * - n8n-nodes-base is not installed (it pulls ~90 runtime packages): the base nodes our templates use (triggers,
 *   Sticky Note, No Op, Edit Fields, Merge, Stop and Error, Data table) have stand-ins in base-nodes.js that take
 *   the real nodes' parameters. Everything that talks to M3 or Amazon is our real code.
 */
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { randomUUID } = require('node:crypto');

// n8n-core keeps instance settings (a generated encryption key) in <user folder>/.n8n/config, the user folder
// being the home directory unless N8N_USER_FOLDER says otherwise. Tests, the demo and benches must not leave
// that in the user's real home, where their own n8n would pick it up: give this process a folder of its own.
if (!process.env.N8N_USER_FOLDER) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'm3amz-n8n-core-'));
	process.env.N8N_USER_FOLDER = folder;
	process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}

const {
	Workflow,
	NodeHelpers,
	ICredentialsHelper,
	deepCopy,
} = require('n8n-workflow');
const core = require('n8n-core');

function createDeferredPromise() {
	/** @type {(v: unknown) => void} */
	let resolve = () => {};
	const promise = new Promise((r) => (resolve = r));
	return { promise, resolve };
}

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-m3-amazon';

/** @typedef {import('n8n-workflow').INodeType} INodeType */
/** @typedef {import('n8n-workflow').ICredentialType} ICredentialType */
/** @typedef {import('n8n-workflow').INodeExecutionData} INodeExecutionData */
/** @typedef {import('n8n-workflow').ICredentialDataDecryptedObject} Creds */

const { BASE_NODES, createDataTableStore, dataTableNode } = require('./base-nodes');

// ---------------------------------------------------------------------------------------------
// Loading our package
// ---------------------------------------------------------------------------------------------
/** @param {string} distPath @param {'source'|'dist'|'compiled'} from */
function resolveEntry(distPath, from) {
	const abs = path.join(ROOT, distPath);
	if (from === 'dist') return abs;
	// plain-JS copies of the sources (compiled.js): scripts outside jest that must not depend on a fresh build
	if (from === 'compiled') return path.join(require('./compiled').compiledDir(), distPath.replace(/^dist\//, ''));
	return path.join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

/**
 * @param {{ from?: 'source'|'dist'|'compiled' }} [opts]
 * @returns {{ nodes: Record<string, INodeType>, credentials: Record<string, ICredentialType>, missing: string[] }}
 */
function loadPackage(opts = {}) {
	const from = opts.from ?? (process.env.HARNESS_FROM_DIST === '1' ? 'dist' : 'source');
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	/** @type {Record<string, INodeType>} */
	const nodes = {};
	/** @type {Record<string, ICredentialType>} */
	const credentials = {};
	const missing = [];
	for (const entry of pkg.n8n.nodes) {
		const file = resolveEntry(entry, from);
		if (!fs.existsSync(file)) {
			missing.push(entry);
			continue;
		}
		const className = path.basename(entry).replace(/\.node\.js$/, '');
		const mod = require(file);
		const NodeClass = mod[className];
		if (!NodeClass) throw new Error(`${file} does not export class ${className}`);
		const instance = new NodeClass();
		const desc = instance.description ?? instance.baseDescription;
		nodes[`${PACKAGE_NAME}.${desc.name}`] = instance;
	}
	for (const entry of pkg.n8n.credentials) {
		const file = resolveEntry(entry, from);
		if (!fs.existsSync(file)) {
			missing.push(entry);
			continue;
		}
		const className = path.basename(entry).replace(/\.credentials\.js$/, '');
		const mod = require(file);
		const CredClass = mod[className];
		if (!CredClass) throw new Error(`${file} does not export class ${className}`);
		const instance = new CredClass();
		credentials[instance.name] = instance;
	}
	return { nodes, credentials, missing };
}

class NodeTypes {
	/** @param {Record<string, any>} types */
	constructor(types) {
		this.types = types;
	}
	/** @param {string} type */
	getByName(type) {
		const t = this.types[type];
		if (!t) throw new Error(`Unrecognized node type: ${type}`);
		return t;
	}
	/** @param {string} type @param {number} [version] */
	getByNameAndVersion(type, version) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}
	getKnownTypes() {
		return Object.fromEntries(Object.keys(this.types).map((k) => [k, { className: k, sourcePath: '' }]));
	}
}

// ---------------------------------------------------------------------------------------------
// Credentials: a store shared across runs (tokens persist like n8n persists them in its DB)
// ---------------------------------------------------------------------------------------------
/**
 * Resolves `={{$credentials.x}}`-style values the way n8n's generic authenticate does, for the
 * expression forms credential types use (`={{$credentials.a}}`, `=Bearer {{$credentials.token}}`).
 * @param {unknown} value @param {Creds} credentials
 */
function resolveCredentialExpression(value, credentials) {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const body = value.slice(1);
	const whole = body.match(/^\{\{\s*\$credentials\.([A-Za-z0-9_]+)\s*\}\}$/);
	if (whole) return credentials[whole[1]];
	return body.replace(/\{\{\s*\$credentials\.([A-Za-z0-9_]+)\s*\}\}/g, (_m, k) => String(credentials[k] ?? ''));
}

class HarnessCredentialsHelper extends ICredentialsHelper {
	/** @param {Record<string, ICredentialType>} credentialTypes @param {Record<string, Creds>} store */
	constructor(credentialTypes, store) {
		super();
		this.credentialTypes = credentialTypes;
		this.store = store;
		/** counts of token fetches per type, for tests */
		this.preAuthCount = /** @type {Record<string, number>} */ ({});
	}

	/** @param {string} name */
	getType(name) {
		const t = this.credentialTypes[name];
		if (!t) throw new Error(`Credentials of type "${name}" are not known.`);
		return t;
	}

	getParentTypes(name) {
		const t = this.credentialTypes[name];
		if (!t || !t.extends) return [];
		return t.extends.flatMap((p) => [p, ...this.getParentTypes(p)]);
	}

	isCredentialUsableByNode() {
		return true;
	}

	getCredentialsProperties(type) {
		return this.getType(type).properties;
	}

	async authenticate(credentials, typeName, requestOptions) {
		const type = this.getType(typeName);
		const auth = type.authenticate;
		if (!auth) return /** @type {any} */ (requestOptions);
		if (typeof auth === 'function') return await auth(credentials, /** @type {any} */ (requestOptions));
		if (auth.type === 'generic') {
			const opts = /** @type {any} */ (requestOptions);
			for (const [outerKey, props] of Object.entries(auth.properties)) {
				if (outerKey === 'auth') {
					opts.auth = {};
					for (const [k, v] of Object.entries(props)) opts.auth[k] = resolveCredentialExpression(v, credentials);
					continue;
				}
				opts[outerKey] = opts[outerKey] ?? {};
				for (const [k, v] of Object.entries(props)) {
					opts[outerKey][k] = resolveCredentialExpression(v, credentials);
				}
			}
			return opts;
		}
		return /** @type {any} */ (requestOptions);
	}

	async preAuthentication(helpers, credentials, typeName, _node, credentialsExpired) {
		const type = this.getType(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) {
			return undefined;
		}
		const output = await type.preAuthentication.call(helpers, credentials);
		if (!output || output[expirable.name] === undefined) return undefined;
		this.preAuthCount[typeName] = (this.preAuthCount[typeName] ?? 0) + 1;
		// persist, as n8n writes the refreshed token back into the stored credential
		const stored = this.store[typeName];
		if (stored) Object.assign(stored, output);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const type = this.getType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return await type.preAuthentication.call(helpers, credentials);
	}

	async getCredentials() {
		return /** @type {any} */ (new core.Credentials({ id: null, name: '' }, '', ''));
	}

	async getDecrypted(_additionalData, _nodeCredentials, type) {
		const stored = this.store[type];
		if (!stored) throw new Error(`Node does not have any credentials of type "${type}" set`);
		const credType = this.getType(type);
		const withDefaults =
			NodeHelpers.getNodeParameters(credType.properties, stored, true, false, null, null) ?? {};
		return { ...withDefaults, ...stored };
	}

	async updateCredentials(_nodeCredentials, type, data) {
		this.store[type] = { ...(this.store[type] ?? {}), ...data };
	}

	async updateCredentialsOauthTokenData(_nodeCredentials, type, data) {
		this.store[type] = { ...(this.store[type] ?? {}), ...data };
	}
}

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------
let cachedPackage = null;
/** @param {{ from?: 'source'|'dist'|'compiled' }} [opts] */
function getPackage(opts) {
	if (opts?.from) return loadPackage(opts);
	if (!cachedPackage) cachedPackage = loadPackage();
	return cachedPackage;
}

/**
 * @param {HarnessCredentialsHelper} credentialsHelper
 * @param {any} hooks
 */
function makeAdditionalData(credentialsHelper, hooks) {
	return /** @type {any} */ ({
		credentialsHelper,
		hooks,
		executionId: randomUUID(),
		userId: 'harness-user',
		currentNodeParameters: undefined,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		executionTimeoutTimestamp: undefined,
		async executeWorkflow() {
			throw new Error('Sub-workflows are not supported by the test harness');
		},
		async getRunExecutionData() {
			return undefined;
		},
		setExecutionStatus() {},
		sendDataToUI() {},
		logAiEvent() {},
		externalSecretsProxy: { hasProvider: () => false, getSecret: () => undefined, listProviders: () => [], listSecrets: () => [] },
	});
}

/**
 * A session keeps node types and the credential store (with tokens fetched so far) across runs,
 * like one n8n instance does.
 * @param {{ credentials?: Record<string, Creds>, from?: 'source'|'dist'|'compiled', extraNodeTypes?: Record<string, any>, extraCredentialTypes?: Record<string, any>, dataTables?: ReturnType<typeof createDataTableStore> }} [opts]
 */
function createSession(opts = {}) {
	const pkg = getPackage(opts.from ? { from: opts.from } : undefined);
	/** n8n's data tables (the dead letter lives there): kept for the session, as n8n keeps them in its database */
	const dataTables = opts.dataTables ?? createDataTableStore();
	const nodeTypes = new NodeTypes({
		...BASE_NODES,
		'n8n-nodes-base.dataTable': dataTableNode(dataTables),
		...pkg.nodes,
		...(opts.extraNodeTypes ?? {}),
	});
	/** @type {Record<string, Creds>} */
	const store = {};
	for (const [k, v] of Object.entries(opts.credentials ?? {})) store[k] = { ...v };
	const credentialsHelper = new HarnessCredentialsHelper(
		{ ...pkg.credentials, ...(opts.extraCredentialTypes ?? {}) },
		store,
	);
	/** @type {Record<string, any>} staticData per workflow id, as n8n keeps it between executions */
	const staticData = {};

	/**
	 * @param {{ id?: string, name?: string, nodes: any[], connections: any, settings?: any, pinData?: any }} workflowJson
	 * @param {{ startNode?: string, input?: INodeExecutionData[], mode?: import('n8n-workflow').WorkflowExecuteMode }} [runOpts]
	 */
	async function run(workflowJson, runOpts = {}) {
		const wfId = workflowJson.id ?? 'harness';
		const workflow = new Workflow({
			id: wfId,
			name: workflowJson.name ?? 'harness',
			nodes: deepCopy(workflowJson.nodes),
			connections: deepCopy(workflowJson.connections),
			nodeTypes,
			active: false,
			settings: workflowJson.settings ?? { executionOrder: 'v1' },
			staticData: staticData[wfId] ?? {},
		});
		const startNode = runOpts.startNode
			? workflow.getNode(runOpts.startNode)
			: workflow.getStartNode();
		if (!startNode) throw new Error('No start node found in workflow');
		const hooks = new core.ExecutionLifecycleHooks(runOpts.mode ?? 'manual', randomUUID(), /** @type {any} */ (workflowJson));
		const done = createDeferredPromise();
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => done.resolve(fullRunData));
		const additionalData = makeAdditionalData(credentialsHelper, hooks);
		const runExecutionData = {
			version: 1,
			startData: {},
			resultData: { runData: {}, pinData: workflowJson.pinData },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [
					{ node: startNode, data: { main: [runOpts.input ?? [{ json: {} }]] }, source: null },
				],
			},
		};
		const exec = new core.WorkflowExecute(additionalData, runOpts.mode ?? 'manual', /** @type {any} */ (runExecutionData));
		await exec.processRunExecutionData(workflow);
		/** @type {import('n8n-workflow').IRun} */
		const result = /** @type {any} */ (await done.promise);
		staticData[wfId] = workflow.staticData;
		const wrapped = wrapResult(result, workflow);
		// As n8n does after a failed execution (not a manual one): run the workflow named in settings.errorWorkflow,
		// starting at its Error Trigger with n8n's IWorkflowErrorData.
		const errorWorkflow = workflowJson.settings?.errorWorkflow ? workflows.get(workflowJson.settings.errorWorkflow) : undefined;
		if (result.status === 'error' && errorWorkflow && (runOpts.mode ?? 'manual') !== 'manual') {
			const trigger = errorWorkflow.nodes.find((/** @type {any} */ n) => n.type === 'n8n-nodes-base.errorTrigger');
			const errorData = {
				execution: {
					id: additionalData.executionId,
					url: `${additionalData.instanceBaseUrl}workflow/${wfId}/executions/${additionalData.executionId}`,
					error: result.data.resultData.error,
					lastNodeExecuted: result.data.resultData.lastNodeExecuted,
					mode: runOpts.mode,
				},
				workflow: { id: wfId, name: workflowJson.name },
			};
			wrapped.errorWorkflowRun = await run(errorWorkflow, { startNode: trigger?.name, input: [{ json: /** @type {any} */ (JSON.parse(JSON.stringify(errorData))) }], mode: 'error' });
		}
		return wrapped;
	}

	/** @type {Map<string, any>} workflows by id, for settings.errorWorkflow */
	const workflows = new Map();
	/** Makes a workflow known to the session (as if imported into n8n), e.g. the error handler. @param {any} wf */
	function register(wf) {
		workflows.set(wf.id, wf);
	}

	return { run, register, credentialsHelper, store, nodeTypes, staticData, dataTables, missing: pkg.missing };
}

/** @param {import('n8n-workflow').IRun} result @param {Workflow} workflow */
function wrapResult(result, workflow) {
	const runData = result.data.resultData.runData;
	return {
		status: result.status,
		error: result.data.resultData.error,
		/** @type {any} the error workflow's run, when this execution failed and named one the session knows */
		errorWorkflowRun: undefined,
		runData,
		staticData: workflow.staticData,
		/** items (with json, pairedItem...) of a node's output, first run */
		items(nodeName, outputIndex = 0, runIndex = 0) {
			const r = runData[nodeName]?.[runIndex];
			if (!r) return undefined;
			return r.data?.main?.[outputIndex] ?? [];
		},
		/** json of a node's output items, first run */
		output(nodeName, outputIndex = 0, runIndex = 0) {
			const items = this.items(nodeName, outputIndex, runIndex);
			return items ? items.map((i) => i.json) : undefined;
		},
		/** the error a node threw (when not continuing on fail) */
		nodeError(nodeName, runIndex = 0) {
			return runData[nodeName]?.[runIndex]?.error;
		},
		/** the execution hints a node gave (this.addExecutionHints), as n8n shows them in the output pane */
		hints(nodeName, runIndex = 0) {
			return runData[nodeName]?.[runIndex]?.hints ?? [];
		},
	};
}

/**
 * One-off run with a fresh session.
 * @param {any} workflowJson
 * @param {{ credentials?: Record<string, Creds>, startNode?: string, input?: INodeExecutionData[], mode?: any, from?: 'source'|'dist'|'compiled' }} [opts]
 */
async function runWorkflow(workflowJson, opts = {}) {
	const session = createSession({ credentials: opts.credentials, from: opts.from });
	return await session.run(workflowJson, opts);
}

/**
 * Builds Manual Trigger -> node1 -> node2 ... Each step: { type: 'inforM3' | full type, parameters,
 * name?, credentials?: string[] | Record<string,{id,name}>, onError?, typeVersion? }.
 * Short type names get the package prefix.
 * @param {Array<{ type: string, parameters?: any, name?: string, credentials?: any, onError?: string, typeVersion?: number }>} steps
 */
function linearWorkflow(steps) {
	const nodes = [
		{
			id: randomUUID(),
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	/** @type {Record<string, any>} */
	const connections = {};
	let prev = 'Start';
	steps.forEach((s, i) => {
		const name = s.name ?? `Step ${i + 1}`;
		const type = s.type.includes('.') ? s.type : `${PACKAGE_NAME}.${s.type}`;
		let credentials;
		if (Array.isArray(s.credentials)) {
			credentials = Object.fromEntries(s.credentials.map((c) => [c, { id: c, name: c }]));
		} else credentials = s.credentials;
		nodes.push(
			/** @type {any} */ ({
				id: randomUUID(),
				name,
				type,
				typeVersion: s.typeVersion ?? 1,
				position: [(i + 1) * 220, 0],
				parameters: s.parameters ?? {},
				...(credentials ? { credentials } : {}),
				...(s.onError ? { onError: s.onError } : {}),
			}),
		);
		connections[prev] = { main: [[{ node: name, type: 'main', index: 0 }]] };
		prev = name;
	});
	return { id: `linear-${randomUUID()}`, name: 'linear', nodes, connections, settings: { executionOrder: 'v1' } };
}

// ---------------------------------------------------------------------------------------------
// Triggers: run poll() and webhook() with n8n-core's real contexts
// ---------------------------------------------------------------------------------------------
/**
 * The workflow as n8n holds it while published (active, static data kept by the session) and one of its nodes.
 * @param {ReturnType<typeof createSession>} session @param {any} workflowJson @param {string} nodeName
 */
function activeWorkflow(session, workflowJson, nodeName) {
	const wfId = workflowJson.id ?? 'harness';
	const workflow = new Workflow({
		id: wfId,
		nodes: deepCopy(workflowJson.nodes),
		connections: deepCopy(workflowJson.connections),
		nodeTypes: session.nodeTypes,
		active: true,
		settings: workflowJson.settings ?? { executionOrder: 'v1' },
		staticData: session.staticData[wfId] ?? {},
	});
	const node = workflow.getNode(nodeName);
	if (!node) throw new Error(`No node ${nodeName}`);
	const nodeType = session.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	return { wfId, workflow, node, nodeType };
}

/**
 * Runs a polling trigger's poll() once, with static data kept in the session (per workflow id).
 * @param {ReturnType<typeof createSession>} session
 * @param {any} workflowJson @param {string} nodeName
 * @param {{ mode?: 'trigger'|'manual' }} [opts]
 * @returns {Promise<INodeExecutionData[][] | null>}
 */
async function runPoll(session, workflowJson, nodeName, opts = {}) {
	const { wfId, workflow, node, nodeType } = activeWorkflow(session, workflowJson, nodeName);
	if (!nodeType.poll) throw new Error(`${node.type} has no poll()`);
	const additionalData = makeAdditionalData(session.credentialsHelper, new core.ExecutionLifecycleHooks('trigger', randomUUID(), /** @type {any} */ (workflowJson)));
	const mode = opts.mode === 'manual' ? 'manual' : 'trigger';
	const ctx = new core.PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
	const out = await nodeType.poll.call(ctx);
	session.staticData[wfId] = workflow.staticData;
	return out;
}

/**
 * Calls a webhook trigger's webhook() the way n8n's webhook server does, with a fake request
 * (rawBody Buffer, parsed body, headers) and a response recorder.
 * @param {ReturnType<typeof createSession>} session
 * @param {any} workflowJson @param {string} nodeName
 * @param {{ method?: string, headers?: Record<string,string>, body?: any, rawBody?: Buffer|string, query?: any, path?: string, webhookName?: string }} request
 */
async function runWebhook(session, workflowJson, nodeName, request) {
	const { wfId, workflow, node, nodeType } = activeWorkflow(session, workflowJson, nodeName);
	if (!nodeType.webhook) throw new Error(`${node.type} has no webhook()`);
	const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	const rawBody =
		request.rawBody === undefined
			? Buffer.from(request.body === undefined ? '' : typeof request.body === 'string' ? request.body : JSON.stringify(request.body))
			: Buffer.isBuffer(request.rawBody)
				? request.rawBody
				: Buffer.from(request.rawBody);
	let body = request.body;
	if (body === undefined && headers['content-type']?.includes('json')) {
		try {
			body = JSON.parse(rawBody.toString('utf8'));
		} catch {
			body = {};
		}
	}
	const req = {
		method: request.method ?? 'POST',
		headers,
		body: body ?? {},
		rawBody,
		query: request.query ?? {},
		params: {},
		url: request.path ?? '/',
		path: request.path ?? '/',
		readRawBody: async () => {},
		contentType: headers['content-type'],
	};
	const res = {
		statusCode: 200,
		headers: /** @type {Record<string, any>} */ ({}),
		body: '',
		ended: false,
		writeHead(status, hdrs) {
			this.statusCode = status;
			Object.assign(this.headers, hdrs ?? {});
			return this;
		},
		status(code) {
			this.statusCode = code;
			return this;
		},
		setHeader(k, v) {
			this.headers[k.toLowerCase()] = v;
		},
		send(b) {
			this.body = b;
			this.ended = true;
			return this;
		},
		json(b) {
			this.body = b;
			this.ended = true;
			return this;
		},
		end(b) {
			if (b !== undefined) this.body = typeof b === 'string' ? b : b.toString();
			this.ended = true;
			return this;
		},
	};
	const webhookDescription = (nodeType.description.webhooks ?? []).find((w) => w.name === (request.webhookName ?? 'default'));
	const webhookData = /** @type {any} */ ({
		httpMethod: req.method,
		node: node.name,
		path: webhookDescription?.path ?? 'webhook',
		webhookDescription,
		workflowId: wfId,
		workflowExecuteAdditionalData: undefined,
	});
	const additionalData = makeAdditionalData(session.credentialsHelper, new core.ExecutionLifecycleHooks('webhook', randomUUID(), /** @type {any} */ (workflowJson)));
	additionalData.httpRequest = req;
	additionalData.httpResponse = res;
	webhookData.workflowExecuteAdditionalData = additionalData;
	const ctx = new core.WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
	const out = await nodeType.webhook.call(ctx);
	session.staticData[wfId] = workflow.staticData;
	return { response: out, res };
}

// ---------------------------------------------------------------------------------------------
// Editor methods: what n8n's server runs when the editor asks for a list or a resource mapper's fields
// ---------------------------------------------------------------------------------------------
/**
 * Calls one of a node type's `methods` (loadOptions, listSearch, resourceMapping) as n8n's
 * DynamicNodeParametersService does: a one-node workflow holding the editor's current parameters,
 * `additionalData.currentNodeParameters` = those parameters, and n8n-core's `LoadOptionsContext`.
 * @param {ReturnType<typeof createSession>} session
 * @param {{ type: string, parameters?: any, credentials?: string[], typeVersion?: number }} step
 * @param {'loadOptions'|'listSearch'|'resourceMapping'} kind @param {string} method
 * @param {{ filter?: string, paginationToken?: string, path?: string }} [opts]
 */
async function callNodeMethod(session, step, kind, method, opts = {}) {
	const type = step.type.includes('.') ? step.type : `${PACKAGE_NAME}.${step.type}`;
	const parameters = deepCopy(step.parameters ?? {});
	const node = /** @type {any} */ ({
		id: randomUUID(),
		name: 'Node',
		type,
		typeVersion: step.typeVersion ?? 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries((step.credentials ?? []).map((c) => [c, { id: c, name: c }])),
	});
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: session.nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const nodeType = session.nodeTypes.getByNameAndVersion(type, node.typeVersion);
	const fn = nodeType.methods?.[kind]?.[method];
	if (typeof fn !== 'function') throw new Error(`${type} has no methods.${kind}.${method}`);
	const additionalData = makeAdditionalData(session.credentialsHelper, undefined);
	additionalData.currentNodeParameters = parameters;
	const ctx = new core.LoadOptionsContext(workflow, workflow.getNode('Node'), additionalData, opts.path ?? `parameters.${method}`);
	if (kind === 'listSearch') return await fn.call(ctx, opts.filter, opts.paginationToken);
	return await fn.call(ctx);
}

module.exports = {
	ROOT,
	PACKAGE_NAME,
	loadPackage,
	createSession,
	runWorkflow,
	linearWorkflow,
	runPoll,
	runWebhook,
	callNodeMethod,
	BASE_NODES,
	createDataTableStore,
};
