import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// Chinese unless the visitor chose English with the switch (a cookie), never guessed from
			// the browser: most attendees read Chinese whatever their phone's setting.
			strategy: ['cookie', 'baseLocale']
		})
	]
});
