import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { createSession, linearWorkflow, type RunResult, type Session } from '../harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulator = require('../../simulators/spapi') as {
	startSpApiSimulator(opts?: IDataObject): Promise<Sim>;
};

export interface SimCredentials {
	clientId: string;
	clientSecret: string;
	refreshToken: string;
	sellerId: string;
	marketplaceIds: string[];
	endpoint: string;
	lwaEndpoint: string;
	sqs: { queueArn: string; accountId: string };
}

export interface Sim {
	url: string;
	port: number;
	close(): Promise<void>;
	credentials: SimCredentials;
	state: { orders: Map<string, IDataObject>; listings: Map<string, IDataObject>; shipmentConfirmations: IDataObject[]; requestLog: IDataObject[]; transactions: IDataObject[] };
	control: {
		createOrder(o?: IDataObject): IDataObject;
		setOrderStatus(id: string, status: string, reason?: string): IDataObject;
		addFault(f: IDataObject): IDataObject;
		clearFaults(id?: number): void;
		expireTokens(): void;
		finishFeed(id: string): IDataObject;
		configure(c: IDataObject): IDataObject;
		requestStats(): { total: number; throttled: number; byOperation: Record<string, { count: number; throttled: number; errors: number }> };
		reset(): IDataObject;
	};
}

export async function startSim(opts: IDataObject = {}): Promise<Sim> {
	return await simulator.startSpApiSimulator({ timeScale: 20, ...opts });
}

export function credentialsFor(sim: Sim, extra: IDataObject = {}): ICredentialDataDecryptedObject {
	const c = sim.credentials;
	return {
		region: 'na',
		sandbox: false,
		clientId: c.clientId,
		clientSecret: c.clientSecret,
		refreshToken: c.refreshToken,
		sellerId: c.sellerId,
		marketplaceIds: c.marketplaceIds[0],
		customEndpoint: c.endpoint,
		lwaTokenUrl: c.lwaEndpoint,
		accessToken: '',
		...extra,
	};
}

export const NODE = 'amazonSellingPartner';

export function spNode(parameters: IDataObject, name = 'SP', onError?: 'continueRegularOutput' | 'continueErrorOutput') {
	return { type: NODE, name, parameters, credentials: ['amazonSpApi'], ...(onError ? { onError } : {}) };
}

/** `from: 'compiled'` loads our modules a second time: their process-level state (memories, buckets) is another process's */
export function newSession(sim: Sim, extra: IDataObject = {}, from?: 'compiled'): Session {
	return createSession({ credentials: { amazonSpApi: credentialsFor(sim, extra) }, ...(from ? { from } : {}) });
}

/** Runs one SP node (after the Manual Trigger) with the given input items. */
export async function runSp(
	session: Session,
	parameters: IDataObject,
	input: IDataObject[] = [{}],
	onError?: 'continueRegularOutput' | 'continueErrorOutput',
): Promise<RunResult> {
	const wf = linearWorkflow([spNode(parameters, 'SP', onError)]);
	return await session.run(wf, { input: input.map((json) => ({ json })) });
}

/** Requests the simulator answered with a 400 "InvalidInput" (request not conforming to the model). */
export function nonConforming(sim: Sim, since = 0): IDataObject[] {
	return sim.state.requestLog.slice(since).filter((e) => e.kind === 'api' && (e.status === 400 || e.status === 404 || e.status === 405 || e.status === 501));
}

export function sellerOrders(sim: Sim, filter: (o: IDataObject) => boolean = () => true): IDataObject[] {
	return [...sim.state.orders.values()].filter(filter);
}

export function assertNoSecrets(text: string, sim: Sim, extraSecrets: string[] = []): string[] {
	const c = sim.credentials;
	const secrets = [c.clientSecret, c.refreshToken, ...extraSecrets];
	return secrets.filter((s) => s && text.includes(s));
}
