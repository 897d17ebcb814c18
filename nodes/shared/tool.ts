/**
 * AI-tool use of an action node. n8n 2.x wraps every node with `usableAsTool` into a "<name>Tool" node for AI agents;
 * an object `usableAsTool: { replacements }` replaces parts of the description in that wrapper (n8n's
 * `convertNodeToAiTool` / `buildSyntheticToolDescription`). We replace `properties` with a copy that offers only the
 * operations an agent may call (safe reads and explicit writes), and the node's execute() refuses anything else when
 * it runs as the tool: n8n executes the wrapper with the base node's full properties, so a workflow edited by hand
 * (or an older one) could still name a hidden operation.
 */
import type { IExecuteFunctions, INodeProperties, INodePropertyOptions, UsableAsToolDescription } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** resource -> operations an AI agent may call */
export type ToolOperations = Readonly<Record<string, readonly string[]>>;

function shownFor(p: INodeProperties, key: string): string[] | undefined {
	const v = p.displayOptions?.show?.[key];
	return Array.isArray(v) ? v.map(String) : undefined;
}

/** The node's properties with only the allowed resources and operations (and the parameters they show). */
export function toolProperties(properties: INodeProperties[], allowed: ToolOperations): INodeProperties[] {
	const out: INodeProperties[] = [];
	for (const p of properties) {
		const resources = shownFor(p, 'resource');
		const usable = resources?.filter((r) => allowed[r]);
		if (resources && !usable?.length) continue;
		if (p.name === 'resource' && !resources) {
			const options = (p.options as INodePropertyOptions[]).filter((o) => allowed[String(o.value)]);
			out.push({ ...p, options, default: options.some((o) => o.value === p.default) ? p.default : options[0].value });
			continue;
		}
		const operations = shownFor(p, 'operation');
		if (operations && !operations.some((o) => usable?.some((r) => allowed[r].includes(o)) ?? false)) continue;
		if (p.name === 'operation' && usable?.length === 1) {
			const ops = allowed[usable[0]];
			const options = (p.options as INodePropertyOptions[]).filter((o) => ops.includes(String(o.value)));
			out.push({ ...p, options, default: options.some((o) => o.value === p.default) ? p.default : options[0].value });
			continue;
		}
		out.push(p);
	}
	return out;
}

/**
 * `usableAsTool` of a node: the tool wrapper offers only `allowed`. n8n types `replacements` as base-description
 * fields, but merges them by spreading over the whole description (n8n 2.41.1 `createAiTools` and
 * `NodeTypes.buildSyntheticToolDescription`), so `properties` is replaced like any other field.
 */
export function usableAsToolWith(properties: INodeProperties[], allowed: ToolOperations): UsableAsToolDescription {
	const replacements = { properties: toolProperties(properties, allowed) };
	return { replacements: replacements as UsableAsToolDescription['replacements'] };
}

/** Is this execution the AI-tool wrapper of the node (type "<package>.<name>Tool")? */
export function runsAsTool(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

/** Throws when the node runs as an AI tool with an operation agents may not call. */
export function assertToolOperation(ctx: IExecuteFunctions, allowed: ToolOperations): void {
	if (!runsAsTool(ctx)) return;
	const resource = String(ctx.getNodeParameter('resource', 0));
	const operation = String(ctx.getNodeParameter('operation', 0));
	if (allowed[resource]?.includes(operation)) return;
	throw new NodeOperationError(ctx.getNode(), `"${operation}" of "${resource}" is not available to AI agents`, {
		description:
			'As an AI tool this node offers safe read operations and explicit writes only. Raw operations (any MI transaction, any SP-API call) and the scheduled flows\' machinery run in ordinary workflow nodes.',
	});
}
