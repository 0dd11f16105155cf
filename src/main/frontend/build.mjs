// Bundles the demo page into one directory that maven-war-plugin adds to the WAR's root:
// index.html at the top (served at "/"), everything it loads under demo/ (the paths that
// dev.yjakarta.demo.DemoPageFilter closes when the demo is turned off).
// Usage: node build.mjs <output directory>
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] || path.join(here, '..', '..', '..', 'target', 'frontend'));

await rm(out, { recursive: true, force: true });
await mkdir(path.join(out, 'demo'), { recursive: true });
await build({
  entryPoints: [path.join(here, 'src', 'main.js')],
  outfile: path.join(out, 'demo', 'app.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
await copyFile(path.join(here, 'index.html'), path.join(out, 'index.html'));
await copyFile(path.join(here, 'style.css'), path.join(out, 'demo', 'style.css'));
console.log(`demo page bundled into ${out}`);
