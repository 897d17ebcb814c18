#!/usr/bin/env node
// @ts-check
/**
 * Generates simulators/m3/contract.json from the shared M3 MI catalogue
 * (../shared/m3-catalog/m3-transactions.json), so the simulator runs without ../shared.
 *
 *   node scripts/gen-m3-contract.js            # write simulators/m3/contract.json
 *   node scripts/gen-m3-contract.js --check    # exit 1 if the committed copy is stale
 *
 * The contract keeps, for every catalogued program, the list of transactions (names, descriptions,
 * multipleOutput) - that is what MRS001MI/LstPrograms and LstTransactions answer and what tells an
 * unknown transaction from a catalogued one. Full field metadata (inputs with required/type/length,
 * outputs with type/length) is kept only for the transactions the simulator implements (IMPLEMENTED).
 *
 * Length policy (catalogue README, caveat 2): lengths from developer.infor.com, output-same-* and
 * date-format are enforced as given; output-other-programs is weaker evidence, so the largest candidate
 * is used (never reject a value a real M3 might take); null stays null (no length check).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const OUT_FILE = path.join(REPO_ROOT, 'simulators', 'm3', 'contract.json');
/** Programs the shared catalogue lacks, with their public source (scripts/m3-catalog-supplement.json). */
const SUPPLEMENT_FILE = path.join(__dirname, 'm3-catalog-supplement.json');

/** Transactions the simulator implements, per program. Keep in sync with simulators/m3/transactions/. */
const IMPLEMENTED = {
	CRS610MI: ['Add', 'GetBasicData', 'LstByNumber', 'SearchCustomer', 'ChgBasicData', 'GetFinancial', 'ChgFinancial'],
	MMS200MI: ['Get', 'GetItmBasic', 'GetItmWhsBal', 'LstItmWhsByWhs', 'LstItmWhsByItm', 'LstItmByChgDate', 'LstItmByItm', 'SearchItem'],
	MMS025MI: ['GetItem', 'LstAlias', 'LstAliasViaCat'],
	OIS017MI: ['LstPriceList', 'LstBasePrice'],
	OIS100MI: [
		'AddBatchHead', 'AddBatchAddress', 'AddBatchLine', 'AddBatchHeadChg', 'AddBatchLineChg', 'Confirm',
		'GetOrderNo', 'LstErrMsgOrder', 'LstBatchHead', 'GetBatchHead', 'DelBatchHead', 'GetHead', 'LstHead',
		'SearchHead', 'GetLine', 'LstLine', 'LstDelLineByCO', 'LstNewBalances', 'LstWarehBalance', 'DelLine', 'CloLine',
		'AddBatchText',
	],
	OIS275MI: ['GetBatchHead', 'GetTmpOrderStat'],
	MWS410MI: ['GetHead'],
	MWS411MI: ['LstDelLnByOrd', 'LstDeliveryLine'],
	MWS423MI: ['LstPackages'],
	GLS840MI: ['AddBatchHead', 'AddBatchLine', 'CtrlBatch', 'UpdBatch'],
	CUSEXTMI: ['AddFieldValue', 'ChgFieldValue', 'GetFieldValue', 'LstFieldValue', 'DelFieldValue'],
	MRS001MI: ['LstPrograms', 'LstTransactions', 'GetTransaction', 'LstFields'],
	EXPORTMI: ['Select'],
	OIS390MI: ['AddHead', 'AddLine', 'LstLine'],
};

/** Candidate locations of the catalogue: env override, then ../shared next to the repo, then /work/shared. */
function catalogueCandidates() {
	const list = [];
	if (process.env.M3_CATALOG) list.push(process.env.M3_CATALOG);
	list.push(path.resolve(REPO_ROOT, '..', 'shared', 'm3-catalog', 'm3-transactions.json'));
	list.push('/work/shared/m3-catalog/m3-transactions.json');
	return list;
}

/** @returns {string | null} path of the first catalogue found */
function findCatalogue() {
	for (const p of catalogueCandidates()) if (fs.existsSync(p)) return p;
	return null;
}

/** @param {any} f input field of the catalogue */
function inputLength(f) {
	if (f.type === 'D') return 8; // YYYYMMDD; validated as a date, not by length
	if (f.lengthSource === 'output-other-programs' && Array.isArray(f.lengthCandidates)) {
		return Math.max(...f.lengthCandidates);
	}
	return typeof f.length === 'number' ? f.length : null;
}

/**
 * Builds the contract object from the parsed catalogue.
 * @param {any} catalogue parsed m3-transactions.json
 */
function buildContract(catalogue) {
	const supplement = JSON.parse(fs.readFileSync(SUPPLEMENT_FILE, 'utf8'));
	/** @type {Record<string, any>} */
	const programs = {};
	/** @type {Record<string, any>} the catalogue's programs, then the supplement's programs it does not have */
	const all = { ...catalogue.programs };
	for (const [pgm, def] of Object.entries(supplement.programs)) if (!all[pgm]) all[pgm] = def;
	for (const [pgm, def] of Object.entries(all)) {
		/** @type {Record<string, any>} */
		const transactions = {};
		const impl = /** @type {Record<string, string[]>} */ (IMPLEMENTED)[pgm] || [];
		for (const [trn, t] of Object.entries(/** @type {Record<string, any>} */ (def.transactions))) {
			const entry = { description: t.description, multipleOutput: !!t.multipleOutput, implemented: impl.includes(trn) };
			if (entry.implemented) {
				Object.assign(entry, {
					inputs: t.inputs.map((/** @type {any} */ f) => ({
						name: f.name, type: f.type, length: inputLength(f), required: !!f.required, description: f.description,
					})),
					outputs: t.outputs.map((/** @type {any} */ f) => ({
						name: f.name, type: f.type, length: typeof f.length === 'number' ? f.length : null, description: f.description,
					})),
				});
			}
			transactions[trn] = entry;
		}
		programs[pgm] = { description: def.description, transactions };
	}
	for (const [pgm, trns] of Object.entries(IMPLEMENTED)) {
		for (const trn of trns) {
			if (!programs[pgm] || !programs[pgm].transactions[trn]) throw new Error(`${pgm}/${trn} is not in the catalogue`);
		}
	}
	return {
		generatedBy: 'scripts/gen-m3-contract.js (do not edit by hand)',
		source: { catalogue: 'shared/m3-catalog/m3-transactions.json', upstream: catalogue.upstream, supplement: { file: 'scripts/m3-catalog-supplement.json', programs: Object.keys(supplement.programs), upstream: supplement.upstream } },
		lengthPolicy: 'developer.infor.com, output-same-* as given; output-other-programs -> max(lengthCandidates); D inputs 8 (date); null = not checked',
		programs,
	};
}

/**
 * Serialises with one field object per line (small diffs, like the catalogue).
 * @param {any} contract
 */
function serialise(contract) {
	const json = JSON.stringify(contract, null, '\t');
	// Collapse the body of every {"name": ...} field object onto one line.
	return json.replace(/\{\n\t+"name": [^{}]*?\n\t+\}/g, (m) => m.replace(/\n\t+/g, ' ').replace('{ ', '{').replace(/ \}$/, '}')) + '\n';
}

/** Generates the contract text from the catalogue file. @param {string} cataloguePath */
function generate(cataloguePath) {
	return serialise(buildContract(JSON.parse(fs.readFileSync(cataloguePath, 'utf8'))));
}

/** The committed simulators/m3/contract.json as text ('' if missing). */
function readCommitted() {
	return fs.existsSync(OUT_FILE) ? fs.readFileSync(OUT_FILE, 'utf8') : '';
}

module.exports = { IMPLEMENTED, findCatalogue, catalogueCandidates, buildContract, serialise, generate, readCommitted, OUT_FILE };

if (require.main === module) {
	const cat = findCatalogue();
	if (!cat) {
		process.stderr.write(`m3 catalogue not found; tried:\n  ${catalogueCandidates().join('\n  ')}\n`);
		process.exit(2);
	}
	const text = generate(cat);
	if (process.argv.includes('--check')) {
		if (readCommitted() !== text) {
			process.stderr.write(`${path.relative(REPO_ROOT, OUT_FILE)} is stale: run node scripts/gen-m3-contract.js\n`);
			process.exit(1);
		}
		process.stdout.write('contract.json is up to date\n');
	} else {
		fs.writeFileSync(OUT_FILE, text);
		process.stdout.write(`wrote ${path.relative(REPO_ROOT, OUT_FILE)} from ${cat}\n`);
	}
}
