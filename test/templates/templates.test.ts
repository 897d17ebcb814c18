import type { INodeProperties, INodeType } from 'n8n-workflow';

import { createSession } from '../harness';
import { committed, generated, type Template } from './files';

// Static checks of the shipped templates: what an import into n8n would trip over.
describe('workflow templates', () => {
	const files = committed();
	const nodeTypes = (createSession() as unknown as { nodeTypes: { types: Record<string, INodeType> } }).nodeTypes.types;

	it('are exactly what scripts/build-templates.js generates', () => {
		expect(files.map((f) => f.json.id).sort()).toEqual(generated.map((g) => g.id).sort());
		for (const g of generated) expect(files.find((f) => f.json.id === g.id)?.json).toEqual(JSON.parse(JSON.stringify(g)));
	});

	it.each(files.map((f) => [f.file, f.json] as [string, Template]))('%s: our node types, versions, parameter names and credentials exist', (_f, wf) => {
		const names = new Set(wf.nodes.map((n) => n.name));
		for (const [from, c] of Object.entries(wf.connections)) {
			expect(names.has(from)).toBe(true);
			for (const out of c.main) for (const link of out) expect(names.has(link.node)).toBe(true);
		}
		for (const n of wf.nodes.filter((x) => x.type.startsWith('n8n-nodes-m3-amazon.'))) {
			const t = nodeTypes[n.type];
			expect(t).toBeDefined();
			const d = t.description;
			const versions = Array.isArray(d.version) ? d.version : [d.version];
			expect(versions).toContain(n.typeVersion);
			const known = new Set(d.properties.map((p: INodeProperties) => p.name));
			if (d.polling) known.add('pollTimes');
			for (const p of Object.keys(n.parameters)) {
				if (!known.has(p)) throw new Error(`${wf.name} / ${n.name}: parameter "${p}" is not a parameter of ${n.type}`);
			}
			for (const c of Object.keys(n.credentials ?? {})) {
				expect((d.credentials ?? []).map((x) => x.name)).toContain(c);
			}
		}
		if (wf.id !== 'm3amzErrorHandler') expect(wf.settings.errorWorkflow).toBe('m3amzErrorHandler');
		expect(wf.nodes.filter((n) => n.name === 'Settings').length).toBe(wf.id === 'm3amzErrorHandler' ? 0 : 1);
	});
});
