/** hbs ships no types; the console uses only these calls (hbs.create() wraps its own Handlebars instance). */
declare module 'hbs' {
  interface HbsInstance {
    registerPartial(name: string, source: string): void;
    registerHelper(name: string, fn: (...args: never[]) => unknown): void;
    __express: (path: string, options: object, callback: (err: Error | null, html?: string) => void) => void;
  }
  const hbs: HbsInstance & { create(): HbsInstance };
  export default hbs;
}
