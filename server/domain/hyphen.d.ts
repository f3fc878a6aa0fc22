/** The parts of the `hyphen` package (Liang hyphenation, TeX patterns) that domain/readability.ts uses. */
declare module 'hyphen/nl/index.js' {
  interface HyphenateOptions {
    hyphenChar?: string;
    minWordLength?: number;
  }
  const hyphenNl: {
    hyphenateSync(text: string, options?: HyphenateOptions): string;
  };
  export default hyphenNl;
}
