// Placeholder production build: copies web/ to dist/. Replaced by the web app's hashed build.
import { cpSync, rmSync } from 'node:fs';
rmSync('dist', { recursive: true, force: true });
cpSync('web', 'dist', { recursive: true });
console.error('built dist/');
