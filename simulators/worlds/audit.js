// @ts-check
/**
 * The audit: named invariant checks over both simulators' final state (ARCHITECTURE.md §8), run by the demo (and
 * by tests) after the templates ran against a world.
 *
 * Adding a check is one function: put it in a file of simulators/worlds/checks/ (every .js file there is loaded),
 *
 *   module.exports = {
 *     'orders.once'(ctx) {            // name: <area>.<invariant>
 *       return [...];                 // violations: strings (or { message, ...details }); [] = holds
 *     },                              // null/undefined = does not apply to this world (not counted)
 *   };
 *
 * ctx = { world, m3, sp, run, money }: world = the world module (simulators/worlds), m3 / sp = the running
 * simulators (m3.state, sp.state), run = what the demo did (run.o2c, run.fulfilment, run.gl ...; a check that needs
 * a part of it that is missing answers null), money = exact decimal helpers (money.js).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const money = require('./money');

const CHECKS_DIR = path.join(__dirname, 'checks');

/**
 * @typedef {(ctx: AuditContext) => Array<string | { message: string, [k: string]: unknown }> | null | undefined} Check
 * @typedef {{ world: any, m3: any, sp: any, run: Record<string, any>, money: typeof money }} AuditContext
 * @typedef {{ check: string, message: string, details?: Record<string, unknown> }} Violation
 */

/**
 * Every check of checks/*.js (or of the given modules), by name (sorted), names unique across files.
 * @param {string} [dir] @param {Record<string, Record<string, unknown>>} [modules] file -> exports, instead of dir
 * @returns {Array<{ name: string, file: string, fn: Check }>}
 */
function loadChecks(dir = CHECKS_DIR, modules) {
	/** @type {Map<string, { name: string, file: string, fn: Check }>} */
	const all = new Map();
	const files = modules ?? Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort().map((f) => [f, require(path.join(dir, f))]));
	for (const [file, mod] of Object.entries(files)) {
		for (const [name, fn] of Object.entries(mod)) {
			if (typeof fn !== 'function') continue;
			if (!/^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(name)) throw new Error(`audit check "${name}" (${file}): names are <area>.<invariant>, lower case`);
			const prev = all.get(name);
			if (prev) throw new Error(`audit check "${name}" is defined in ${prev.file} and ${file}`);
			all.set(name, { name, file, fn: /** @type {Check} */ (fn) });
		}
	}
	return [...all.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Runs the checks. A check that throws is a violation of that check (the audit never hides a failure).
 * @param {{ world: any, m3: any, sp: any, run?: Record<string, any> }} input
 * @param {{ only?: string[], dir?: string, checks?: Record<string, Check> }} [opts] only = names or "area." prefixes;
 *   checks = run these instead of the files' (tests)
 * @returns {{ checks: number, ran: string[], skipped: string[], violations: Violation[] }}
 */
function runAudit(input, opts = {}) {
	const ctx = { world: input.world, m3: input.m3, sp: input.sp, run: input.run ?? {}, money };
	const ran = [];
	const skipped = [];
	/** @type {Violation[]} */
	const violations = [];
	for (const c of loadChecks(opts.dir, opts.checks ? { given: opts.checks } : undefined)) {
		if (opts.only && !opts.only.some((o) => c.name === o || (o.endsWith('.') && c.name.startsWith(o)))) continue;
		let out;
		try {
			out = c.fn(ctx);
		} catch (e) {
			ran.push(c.name);
			violations.push({ check: c.name, message: `the check failed: ${e instanceof Error ? e.stack || e.message : String(e)}` });
			continue;
		}
		if (out === null || out === undefined) {
			skipped.push(c.name);
			continue;
		}
		ran.push(c.name);
		for (const v of out) {
			if (typeof v === 'string') violations.push({ check: c.name, message: v });
			else {
				const { message, ...details } = v;
				violations.push({ check: c.name, message, details });
			}
		}
	}
	return { checks: ran.length, ran, skipped, violations };
}

/** The report lines: violations first, then `AUDIT checks=<n> violations=<n>`. @param {ReturnType<typeof runAudit>} r */
function formatAudit(r) {
	const lines = r.violations.map((v) => `  [${v.check}] ${v.message}`);
	if (lines.length) lines.unshift(`audit violations (${r.violations.length}):`);
	lines.push(`AUDIT checks=${r.checks} violations=${r.violations.length}`);
	return lines;
}

module.exports = { runAudit, formatAudit, loadChecks, CHECKS_DIR };
