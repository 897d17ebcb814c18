import { createInstance, expectedTypes, type Instance } from './instance';

// The package as a user installs it (npm pack -> ~/.n8n/nodes/node_modules), loaded by a real n8n 2.41.1.
describe('package loads in a real n8n', () => {
	let n8n: Instance;
	const expected = expectedTypes();

	beforeAll(async () => {
		n8n = await createInstance();
	});
	afterAll(async () => {
		if (n8n) await n8n.dispose();
	});

	it('ships only dist/ and package files', () => {
		expect(n8n.installed.files.length).toBeGreaterThan(0);
		for (const f of n8n.installed.files) expect(f).toMatch(/^(dist\/|package\.json$|README\.md$|LICENSE)/);
		expect(n8n.installed.files).toEqual(expect.arrayContaining(['package.json']));
	});

	it('n8n export:nodes lists every node type of the package', () => {
		const file = `${n8n.userFolder}/nodes.json`;
		const r = n8n.cli(['export:nodes', `--output=${file}`]);
		expect(r.status).toBe(0);
		const types = (n8n.readJson(file) as Array<{ name: string }>).map((t) => t.name);
		expect(expected.nodes.length).toBeGreaterThan(0);
		for (const name of expected.nodes) expect(types).toContain(name);
		expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/error[^\n]*n8n-nodes-m3-amazon/i);
	});

	it('a started n8n writes every node and credential type of the package into its editor type files, with no load error', async () => {
		const server = await n8n.start();
		const health = await fetch(`${server.url}/healthz`);
		expect(health.status).toBe(200);
		// n8n writes the type files the editor loads into <user home>/.cache/n8n/public/types at start-up
		const creds = ((await n8n.waitForJson(`${n8n.userFolder}/.cache/n8n/public/types/credentials.json`)) as Array<{ name: string }>).map((c) => c.name);
		for (const name of expected.credentials) expect(creds).toContain(name);
		const nodeNames = ((await n8n.waitForJson(`${n8n.userFolder}/.cache/n8n/public/types/nodes.json`)) as Array<{ name: string }>).map((x) => x.name);
		for (const name of expected.nodes) expect(nodeNames).toContain(name);
		expect(n8n.logs()).not.toMatch(/(error|failed)[^\n]*(m3-amazon|m3amazon)/i);
	});
});
