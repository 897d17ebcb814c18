// @ts-check
'use strict';
/** Matches method + path against the model's path templates (literal segments win over {params}). */
const modelOps = require('./model-ops.json');

/** @param {string} tpl */
function compile(tpl) {
	const names = [];
	const re = tpl.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_m, n) => {
		names.push(n);
		return '([^/]+)';
	});
	return { re: new RegExp('^' + re + '/?$'), names, literals: tpl.split('/').filter((s) => s && !s.startsWith('{')).length };
}

class Router {
	constructor() {
		this.routes = modelOps.ops.map((/** @type {any} */ op) => ({ op, ...compile(op.path) }));
		this.routes.sort((a, b) => b.literals - a.literals);
		/** @type {Map<string, any>} */
		this.byKey = new Map(modelOps.ops.map((/** @type {any} */ o) => [o.key, o]));
	}
	/** @param {string} method @param {string} pathname */
	match(method, pathname) {
		let pathOnly = false;
		for (const r of this.routes) {
			const m = r.re.exec(pathname);
			if (!m) continue;
			if (r.op.method !== method) {
				pathOnly = true;
				continue;
			}
			/** @type {Record<string,string>} */
			const params = {};
			r.names.forEach((n, i) => {
				try {
					params[n] = decodeURIComponent(m[i + 1]);
				} catch {
					params[n] = m[i + 1];
				}
			});
			return { op: r.op, params };
		}
		return { op: null, methodNotAllowed: pathOnly };
	}
	/** Operations by key or bare operationId. @param {string} name */
	find(name) {
		return this.byKey.get(name) || modelOps.ops.filter((/** @type {any} */ o) => o.operationId === name);
	}
}

module.exports = { Router, modelOps };
