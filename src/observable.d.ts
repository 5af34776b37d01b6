// Type declarations for the browser-side libraries that ship none.
declare module "@observablehq/inputs";
