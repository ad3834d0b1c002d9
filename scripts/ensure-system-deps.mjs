#!/usr/bin/env node
// The browser tests need Debian's chromium, the video tests ffmpeg, and the Simplified Chinese
// screens a CJK font (without one Chromium draws boxes). Install them when missing and we are
// root (CI, fresh dev machines); otherwise stop with one clear line.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const need = [];
if (!existsSync('/usr/bin/chromium')) need.push('chromium');
if (spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status !== 0) need.push('ffmpeg');
const cjk = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
if (cjk.status !== 0 || !cjk.stdout.trim()) need.push('fonts-noto-cjk');
if (need.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`The tests need ${need.join(' and ')}: run "sudo apt-get install -y ${need.join(' ')}" and try again.`);
  process.exit(1);
}
console.log(`[setup] installing ${need.join(', ')} with apt-get (once)`);
try {
  execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...need], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
} catch {
  console.error(`Could not install ${need.join(' and ')} with apt-get: install them ("apt-get install -y ${need.join(' ')}") and try again.`);
  process.exit(1);
}
