import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// Chinese unless the user chose English with the switch (a cookie), never guessed from
			// the browser: the zone's staff work in Chinese whatever their device's setting.
			strategy: ['cookie', 'baseLocale']
		})
	]
});
