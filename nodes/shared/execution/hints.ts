/**
 * Execution hints (n8n's `addExecutionHints`): short notes in the output pane after a run, for outcomes that are not
 * errors but that a user should notice. Each hint is given once per node run, however many items hit it.
 */
import type { IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';

/** Hints already given per node run (the execute context is one object per node run). */
const given = new WeakMap<object, Set<string>>();

function hintOnce(ctx: IExecuteFunctions, hint: NodeExecutionHint): void {
	const seen = given.get(ctx) ?? new Set<string>();
	given.set(ctx, seen);
	if (seen.has(hint.message)) return;
	seen.add(hint.message);
	ctx.addExecutionHints(hint);
}

/**
 * A list operation stopped at its limit (`more`: the system said there is more, e.g. a next-page token; otherwise
 * it returned exactly `limit` records and may have more).
 */
export function hintLimitReached(ctx: IExecuteFunctions, what: string, limit: number, more?: boolean): void {
	hintOnce(ctx, {
		message: more
			? `Stopped at the limit of ${limit} ${what}: there are more. Turn on "Return All" or raise "Limit" to get them.`
			: `Returned exactly the limit of ${limit} ${what}: there may be more. Turn on "Return All" or raise "Limit" to get them all.`,
		type: 'info',
		location: 'outputPane',
	});
}

/** A list operation returned `count` records with an explicit record cap of the same size (e.g. M3's Max Records). */
export function hintRecordCap(ctx: IExecuteFunctions, what: string, cap: number, option: string): void {
	hintOnce(ctx, {
		message: `Returned ${cap} ${what}, the "${option}" cap: there may be more. Set "${option}" to 0 (all) or higher to get them all.`,
		type: 'info',
		location: 'outputPane',
	});
}

/** Every input item left by the Invalid output (nothing went to Valid). */
export function hintAllInvalid(ctx: IExecuteFunctions, count: number): void {
	hintOnce(ctx, {
		message: `All ${count} input item${count === 1 ? '' : 's'} left by the Invalid output: nothing was mapped. Each item's "error" and "details.reasons" say why (often one setting, e.g. an unmapped SKU or marketplace).`,
		type: 'warning',
		location: 'outputPane',
	});
}
