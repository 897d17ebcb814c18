// @ts-check
/**
 * Infor M3 MI REST / ION API simulator.
 *
 *   const { startM3Simulator } = require('./simulators/m3');
 *   const sim = await startM3Simulator({ port: 0, seed: 1, timeScale: 1, faults: [] });
 *   // sim.url, sim.port, sim.credentials (Basic + .ionapi), sim.state, sim.control, await sim.close()
 *
 * See README.md in this folder for endpoints, control API, fault kinds and seed data.
 */
'use strict';

const { createState } = require('./state');
const { createFaults } = require('./faults');
const { createAuth, demoCredentials } = require('./auth');
const { createHttpServer } = require('./server');
const { createControl } = require('./control');
const { rng, seedItems, ITEM_COUNT } = require('./seed');
const { loadWorld } = require('../worlds');

/**
 * @typedef {{ port?: number, seed?: number, timeScale?: number, faults?: import('./faults').FaultSpec[],
 *   tokenTtlSeconds?: number, confirmErrors?: 'stat' | 'nok', wasTerminatedAsString?: boolean,
 *   history?: number, items?: number, listCap?: number, world?: string }} M3SimOptions
 */

/**
 * Starts the simulator on 127.0.0.1.
 * @param {M3SimOptions} [options]
 *   port 0 = random; seed = deterministic data; timeScale = simulated seconds per real second (token TTL
 *   runs on it); faults = initial fault specs; tokenTtlSeconds (default 3600); confirmErrors 'stat' (default:
 *   Confirm answers OK with STAT 15/25 when the batch order stops) or 'nok'; wasTerminatedAsString (default
 *   true, as a real tenant sent it); history = N historical orders (with deliveries and invoices) spread over the
 *   Amazon customers, generated on demand (history.js); items = number of seeded items (default 240); listCap =
 *   most rows a list transaction returns when maxrecs is 0 ("unlimited"; default 100,000; 0 = no cap); world = a named
 *   world of simulators/worlds ('demo' = the built-in seed, default; 'eu-us').
 */
async function startM3Simulator({
	port = 0, seed = 1, timeScale = 1, faults = [], tokenTtlSeconds = 3600, confirmErrors = 'stat', wasTerminatedAsString = true,
	history = 0, items = ITEM_COUNT, listCap = 100000, world,
} = {}) {
	const w = loadWorld(world);
	/** @type {any} */
	const sim = {
		options: { seed, timeScale, tokenTtlSeconds, confirmErrors, wasTerminatedAsString, history, items, listCap, world: w.name },
		state: createState({ seed, timeScale, history, items, world: w }),
		faults: createFaults(rng(seed * 31 + 7)),
		/** @type {Set<import('node:http').ServerResponse>} responses held open by commitThenTimeout/hang */
		hanging: new Set(),
	};
	sim.control = createControl(sim);
	const server = createHttpServer(sim);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(undefined));
	});
	const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
	const url = `http://127.0.0.1:${addr.port}`;
	sim.credentials = demoCredentials(url, seed);
	// Token lifetimes run on the simulated clock, which stays valid across reset().
	const clock = { now: () => sim.state.clock.now() };
	sim.auth = createAuth({ credentials: sim.credentials, clock, tokenTtlSeconds });
	sim.reset = () => {
		sim.state = createState({ seed, timeScale, history, items, world: w });
		sim.faults.clear();
		sim.auth = createAuth({ credentials: sim.credentials, clock, tokenTtlSeconds });
	};
	for (const f of faults) sim.faults.add(f);

	return {
		url,
		port: addr.port,
		credentials: sim.credentials,
		/** Live state (replaced by control.reset(), so read it through this getter). */
		get state() {
			return sim.state;
		},
		control: sim.control,
		/** Stops listening and drops open connections (including hung ones). */
		close: () => new Promise((resolve) => {
			for (const res of sim.hanging) res.socket && res.socket.destroy();
			sim.hanging.clear();
			server.close(() => resolve(undefined));
			server.closeAllConnections();
		}),
	};
}

module.exports = { startM3Simulator, seedItems };
