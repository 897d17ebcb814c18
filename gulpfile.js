// Runs after `n8n-node build`: copies icons (n8n-node build copies them too; kept for `tsc`-only builds)
// and the workflow templates into dist/ so they ship with the package.
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

function copyWorkflows() {
	return src('workflows/*.json', { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

exports['build:assets'] = parallel(copyIcons, copyWorkflows);
