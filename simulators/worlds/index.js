// @ts-check
/**
 * Named worlds the simulators play (ARCHITECTURE.md §8). `loadWorld(name)`:
 *   'demo'  (default) the small built-in world: the seeds in simulators/m3/seed.js and simulators/spapi/seed.js
 *   'eu-us' a German M3 company selling on Amazon DE/FR/IT/ES/UK/US (eu-us.js)
 * A world module exports { name, description, marketplaces?, warehouses?, vat?, m3?, amazon?, demo? }; a part it
 * leaves out falls back to the built-in seed. The audit over a world's final state: audit.js.
 */
'use strict';

/** @type {Record<string, () => any>} */
const WORLDS = {
	demo: () => ({ name: 'demo', description: 'the small demo world (one warehouse pair, US/CA/UK/DE/FR, MFN)' }),
	'eu-us': () => require('./eu-us'),
};

/** @param {string | undefined | null} [name] */
function loadWorld(name) {
	const key = name || 'demo';
	const load = WORLDS[key];
	if (!load) throw new Error(`unknown world "${key}" (known: ${Object.keys(WORLDS).join(', ')})`);
	return load();
}

module.exports = { loadWorld, worldNames: () => Object.keys(WORLDS) };
