export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
}
export interface Instance {
	userFolder: string;
	installed: { target: string; files: string[] };
	port: number;
	env: Record<string, string>;
	cli(args: string[], timeoutMs?: number): CliResult;
	cliAsync(args: string[], timeoutMs?: number): Promise<CliResult & { timedOut: boolean }>;
	writeJson(name: string, data: unknown): string;
	readJson(file: string): unknown;
	waitForJson(file: string, timeoutMs?: number): Promise<unknown>;
	start(): Promise<{ url: string }>;
	logs(): string;
	stop(): Promise<void>;
	dispose(): Promise<void>;
}
export function createInstance(): Promise<Instance>;
export function expectedTypes(): { nodes: string[]; credentials: string[] };
