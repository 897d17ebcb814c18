import type { IDataObject } from 'n8n-workflow';

export interface Execution {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	data: {
		resultData: {
			error?: { message: string; description?: string };
			lastNodeExecuted?: string;
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: IDataObject }> | null> } }>>;
		};
	};
}
export interface RestClient {
	call(path: string, o?: { method?: string; body?: unknown }): Promise<unknown>;
	executions(workflowId: string): Promise<Array<{ id: string; workflowId: string; mode: string; status: string }>>;
	execution(id: string): Promise<Execution>;
	finished(id: string, timeoutMs?: number): Promise<Execution>;
	runFrom(workflowId: string, trigger: string): Promise<Execution>;
	dataTable(name: string): Promise<{ id: string; name: string; projectId: string; columns: Array<{ name: string; type: string }> } | undefined>;
	rows(table: { id: string; projectId: string }): Promise<IDataObject[]>;
}
export function connect(url: string, timeoutMs?: number): Promise<RestClient>;
