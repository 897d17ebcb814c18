import type { IDataObject } from 'n8n-workflow';

import type { RunResult } from '../harness';

// The template world of test/templates/flows.js, typed for the order-lifecycle tests.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const flows = require('../templates/flows.js') as {
	startWorld(o?: IDataObject): Promise<World>;
	node(wf: Wf, name: string): IDataObject & { parameters: IDataObject };
	setSetting(wf: Wf, name: string, v: unknown): void;
};

export type Wf = { id: string; name: string; nodes: Array<IDataObject & { name: string }>; connections: IDataObject; settings: IDataObject };
export interface Row {
	workflow: string;
	key: string;
	status: string;
	node: string;
	reason: string;
	input: string;
	details: string;
	replays: number;
}
export interface M3Line extends IDataObject {
	PONR: string;
	CUOR: string;
	ORST: string;
	ITNO: string;
}
export interface M3Order {
	head: IDataObject & { ORNO: string; CUOR: string; ORST: string; ORSL: string; WHLO: string };
	lines: M3Line[];
	deletedLines?: M3Line[];
}
export interface AmazonOrder extends IDataObject {
	orderId: string;
	status: string;
	fulfilledBy: string;
	items: Array<IDataObject & { orderItemId: string; quantity: number; quantityShipped: number; cancelled: boolean }>;
}
export interface World {
	m3: {
		control: { addFaults(f: IDataObject[]): unknown; clearFaults(): void; ship(orno: string, o?: IDataObject): IDataObject };
		state: { orders: Record<string, M3Order>; requestCounts: Record<string, number> };
	};
	sp: {
		control: {
			emit(e: IDataObject): unknown;
			setOrderStatus(id: string, s: string, reason?: string): unknown;
			cancelItems(id: string, items: string[], reason?: string): unknown;
			createOrder(o: IDataObject): AmazonOrder;
		};
		state: { orders: Map<string, AmazonOrder> };
	};
	template(file: string): Wf;
	orderToCash(wf: Wf): Promise<RunResult[]>;
	replay(wf: Wf): Promise<RunResult>;
	deadLetter(workflowId?: string): Row[];
	queued(): number;
	close(): Promise<void>;
}

export function m3OrderOf(w: World, cuor: string): M3Order | undefined {
	return Object.values(w.m3.state.orders).find((o) => o.head.CUOR === cuor);
}

export function calls(w: World, key: string): number {
	return w.m3.state.requestCounts[key] ?? 0;
}
