// Vite's `?raw` imports (a file's text), for the tests that read the renderer's static files.
declare module '*?raw' {
  const text: string;
  export default text;
}
