// File access for the transform tests (kept in CommonJS: the strict n8n lint forbids fs/__dirname in .ts files).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const sharedModels = path.resolve(repo, '..', 'shared', 'spapi-models');

function fixture(name) {
	return JSON.parse(fs.readFileSync(path.join(repo, 'test', 'fixtures', 'amazon', name), 'utf8'));
}

function readModel(name) {
	const p = path.join(sharedModels, name);
	return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : null;
}

function sandboxResponses(model, p, method, code) {
	const op = model && model.paths[p] && model.paths[p][method];
	const r = op && op.responses[code];
	const st = r && r['x-amzn-api-sandbox'] && r['x-amzn-api-sandbox'].static;
	return Array.isArray(st) ? st : [];
}

/** Amazon's own example orders from the models' x-amzn-api-sandbox cases ([] when ../shared is absent). */
function sandboxOrders() {
	const out = [];
	const m26 = readModel('orders_2026-01-01.json');
	for (const c of sandboxResponses(m26, '/orders/2026-01-01/orders/{orderId}', 'get', '200')) {
		out.push({ name: `2026 getOrder ${c.response.order.orderId}`, input: c.response });
	}
	for (const c of sandboxResponses(m26, '/orders/2026-01-01/orders', 'get', '200')) {
		for (const o of c.response.orders || []) out.push({ name: `2026 searchOrders ${o.orderId}`, input: o });
	}
	const v0 = readModel('ordersV0.json');
	const items = sandboxResponses(v0, '/orders/v0/orders/{orderId}/orderItems', 'get', '200')[0];
	const addr = sandboxResponses(v0, '/orders/v0/orders/{orderId}/address', 'get', '200')[0];
	for (const c of sandboxResponses(v0, '/orders/v0/orders/{orderId}', 'get', '200')) {
		const id = c.response.payload.AmazonOrderId;
		// the sandbox has items/address for one order only; other orders get them only when the ids match
		const it = items && items.response.payload.AmazonOrderId === id ? items.response : { payload: { AmazonOrderId: id, OrderItems: [] } };
		const ad = addr && addr.response.payload.AmazonOrderId === id ? addr.response : undefined;
		out.push({ name: `v0 getOrder ${id}`, input: { order: c.response, orderItems: it, address: ad } });
	}
	return out;
}

/** Finances 2024-06-19 sandbox transactions ([] when ../shared is absent). */
function sandboxTransactions() {
	const m = readModel('finances_2024-06-19.json');
	return sandboxResponses(m, '/finances/2024-06-19/transactions', 'get', '200').map((c) => c.response);
}

function sandboxConfirmShipment() {
	const v0 = readModel('ordersV0.json');
	return sandboxResponses(v0, '/orders/v0/orders/{orderId}/shipmentConfirmation', 'post', '204').map((c) => c.request.parameters);
}

function listingsFeedSchema() {
	return readModel('listings-feed-schema-v2.json');
}

function committedSchemas() {
	const dir = path.join(repo, 'docs', 'canonical');
	const out = {};
	if (!fs.existsSync(dir)) return out;
	for (const f of fs.readdirSync(dir)) if (f.endsWith('.schema.json')) out[f] = fs.readFileSync(path.join(dir, f), 'utf8');
	return out;
}

/** JSON Schema for a definition of a Swagger 2.0 model, e.g. ('ordersV0.json', 'ConfirmShipmentRequest'); null when absent. */
function modelDefinitionSchema(file, name) {
	const m = readModel(file);
	if (!m || !m.definitions || !m.definitions[name]) return null;
	return { $ref: `#/definitions/${name}`, definitions: m.definitions };
}

module.exports = { modelDefinitionSchema, fixture, sandboxOrders, sandboxTransactions, sandboxConfirmShipment, listingsFeedSchema, committedSchemas, hasShared: fs.existsSync(sharedModels) };
