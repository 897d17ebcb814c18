// Shared helpers for the Infor M3 tests (integration: n8n-core engine harness + the M3 simulator).
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { linearWorkflow, type Step, type WorkflowJson } from '../harness';
import { startM3Simulator } from '../../simulators/m3';

export type Sim = Awaited<ReturnType<typeof startM3Simulator>>;

export async function startSim(opts: Parameters<typeof startM3Simulator>[0] = {}): Promise<Sim> {
	return await startM3Simulator({ port: 0, seed: 1, ...opts });
}

export function basicCredentials(sim: Sim): ICredentialDataDecryptedObject {
	const b = sim.credentials.basic;
	return {
		authType: 'direct',
		url: b.url,
		user: b.user,
		password: b.password,
		company: sim.credentials.cono,
		division: sim.credentials.divi,
		apiVersion: 'v2',
		accessToken: '',
	};
}

export function ionCredentials(sim: Sim, overrides: Record<string, unknown> = {}): ICredentialDataDecryptedObject {
	return {
		authType: 'ionApi',
		ionApiInput: 'file',
		ionApiSecretFile: JSON.stringify({ ...sim.credentials.ionapi, ...overrides }),
		company: sim.credentials.cono,
		division: sim.credentials.divi,
		apiVersion: 'v2',
		accessToken: '',
	};
}

/** Manual Trigger -> Infor M3 (named "M3") */
export function m3Workflow(parameters: Record<string, unknown>, extra: Partial<Step> = {}): WorkflowJson {
	return linearWorkflow([{ type: 'inforM3', name: 'M3', parameters, credentials: ['inforM3Api'], ...extra }]);
}

/** The secrets of the simulator credentials (for "never in errors or output" checks). */
export function secretsOf(sim: Sim): string[] {
	const i = sim.credentials.ionapi;
	return [i.cs, i.sask, i.saak, sim.credentials.basic.password].filter((s: string) => s && s.length > 6);
}

export function planFor(cuor: string, lines: Array<Record<string, string>> = [{ ITNO: 'MUG10001', ORQT: '2', SAPR: '19.99' }]) {
	return {
		head: { CUNO: 'AMZUS01', ORTP: 'A01', FACI: 'A01', WHLO: '001', CUOR: cuor, ORDT: '20261129', CUDT: '20261129', CUCD: 'USD' },
		address: {
			ADRT: '1',
			CUNM: 'Jane Buyer',
			CUA1: '1 Test Street',
			TOWN: 'Seattle',
			PONO: '98109',
			CSCD: 'US',
			ECAR: 'WA',
		},
		lines,
		charges: [{ CRID: 'SHIP', CRAM: '4.99', CUCD: 'USD' }],
		customFields: [{ FILE: 'OOHEAD', values: { A030: 'amazon' } }],
		source: { system: 'amazon', id: cuor },
	};
}
