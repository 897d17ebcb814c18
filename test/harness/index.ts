// Typed entry for tests: the engine itself is CommonJS JS (it needs Node globals that the strict lint bans in .ts).
import * as engineModule from './engine';
import type {
	ICredentialDataDecryptedObject,
	INodeListSearchResult,
	INodePropertyOptions,
	ResourceMapperFields,
	INodeExecutionData,
	IRun,
	NodeExecutionHint,
	WorkflowExecuteMode,
} from 'n8n-workflow';

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
}

export interface RunOptions {
	startNode?: string;
	input?: INodeExecutionData[];
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	status: IRun['status'];
	error: IRun['data']['resultData']['error'];
	runData: IRun['data']['resultData']['runData'];
	staticData: Record<string, unknown>;
	items(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[] | undefined;
	output(nodeName: string, outputIndex?: number, runIndex?: number): Array<Record<string, unknown>> | undefined;
	nodeError(nodeName: string, runIndex?: number): Error | undefined;
	/** the execution hints a node gave (this.addExecutionHints), as n8n shows them in the output pane */
	hints(nodeName: string, runIndex?: number): NodeExecutionHint[];
	/** the error workflow's run, when this (non-manual) execution failed and named one the session knows */
	errorWorkflowRun?: RunResult;
}

/** n8n's data tables as the session keeps them (test/harness/base-nodes.js). */
export interface DataTableStore {
	create(name: string, columns: Array<{ name: string; type: string }>): { id: string; name: string };
	rows(name: string): Array<Record<string, unknown>>;
}

export interface Session {
	run(workflow: WorkflowJson, opts?: RunOptions): Promise<RunResult>;
	store: Record<string, ICredentialDataDecryptedObject>;
	credentialsHelper: { preAuthCount: Record<string, number> };
	staticData: Record<string, Record<string, unknown>>;
	dataTables: DataTableStore;
	/** makes a workflow known to the session (as if imported into n8n), e.g. the error handler */
	register(workflow: WorkflowJson): void;
	missing: string[];
}

export interface Step {
	type: string;
	parameters?: Record<string, unknown>;
	name?: string;
	credentials?: string[] | Record<string, { id: string; name: string }>;
	onError?: 'continueErrorOutput' | 'continueRegularOutput' | 'stopWorkflow';
	typeVersion?: number;
}

export interface WebhookRequest {
	method?: string;
	headers?: Record<string, string>;
	body?: unknown;
	rawBody?: Buffer | string;
	query?: Record<string, string>;
	path?: string;
	webhookName?: string;
}

export interface WebhookOutcome {
	response: { workflowData?: INodeExecutionData[][]; noWebhookResponse?: boolean; webhookResponse?: unknown };
	res: { statusCode: number; headers: Record<string, unknown>; body: unknown; ended: boolean };
}

interface EngineApi {
	PACKAGE_NAME: string;
	ROOT: string;
	createSession(opts: unknown): Session;
	runWorkflow(workflow: WorkflowJson, opts: unknown): Promise<RunResult>;
	linearWorkflow(steps: Step[]): WorkflowJson;
	runPoll(session: Session, workflow: WorkflowJson, nodeName: string, opts: unknown): Promise<INodeExecutionData[][] | null>;
	runWebhook(session: Session, workflow: WorkflowJson, nodeName: string, request: WebhookRequest): Promise<WebhookOutcome>;
	callNodeMethod(session: Session, step: MethodStep, kind: MethodKind, method: string, opts: MethodOptions): Promise<unknown>;
}
/** The node as the editor holds it when it asks for a list: type, current parameters, credential types. */
export interface MethodStep {
	type: string;
	parameters?: Record<string, unknown>;
	credentials?: string[];
	typeVersion?: number;
}
type MethodKind = 'loadOptions' | 'listSearch' | 'resourceMapping';
interface MethodOptions {
	filter?: string;
	paginationToken?: string;
}
interface MethodResults {
	loadOptions: INodePropertyOptions[];
	listSearch: INodeListSearchResult;
	resourceMapping: ResourceMapperFields;
}

const engine = engineModule as unknown as EngineApi;

export const PACKAGE_NAME: string = engine.PACKAGE_NAME;
/** absolute path of the repository root */
export const ROOT: string = engine.ROOT;

export function createSession(opts: {
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** 'compiled': plain-JS copies of the sources (compiled.js), a second set of module instances, as another process has */
	from?: 'source' | 'dist' | 'compiled';
	extraNodeTypes?: Record<string, unknown>;
	extraCredentialTypes?: Record<string, unknown>;
} = {}): Session {
	return engine.createSession(opts);
}

export async function runWorkflow(
	workflow: WorkflowJson,
	opts: RunOptions & { credentials?: Record<string, ICredentialDataDecryptedObject>; from?: 'source' | 'dist' } = {},
): Promise<RunResult> {
	return await engine.runWorkflow(workflow, opts);
}

export function linearWorkflow(steps: Step[]): WorkflowJson {
	return engine.linearWorkflow(steps);
}

export async function runPoll(
	session: Session,
	workflow: WorkflowJson,
	nodeName: string,
	opts: { mode?: 'trigger' | 'manual' } = {},
): Promise<INodeExecutionData[][] | null> {
	return await engine.runPoll(session, workflow, nodeName, opts);
}

export async function runWebhook(
	session: Session,
	workflow: WorkflowJson,
	nodeName: string,
	request: WebhookRequest,
): Promise<WebhookOutcome> {
	return await engine.runWebhook(session, workflow, nodeName, request);
}

/**
 * Calls a node's editor method (`methods.loadOptions|listSearch|resourceMapping.<method>`) through n8n-core's
 * LoadOptionsContext, with the session's credentials, as n8n's server does when the editor asks.
 */
export async function callNodeMethod<K extends MethodKind>(
	session: Session,
	step: MethodStep,
	kind: K,
	method: string,
	opts: MethodOptions = {},
): Promise<MethodResults[K]> {
	return (await engine.callNodeMethod(session, step, kind, method, opts)) as MethodResults[K];
}
