// Side-effect stylesheet imports, bundled by esbuild (scripts/build-web.mjs).
declare module '*.css';
