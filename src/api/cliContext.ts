// What one CLI invocation adds to every request (`--functions`) and collects from every response
// (its readings, printed as `note:` lines on stderr). A module of its own so that cliMain.ts can
// reset and print it without loading the commands (they load lazily). Reset per command.
export const cliContext: { functions: string[]; notes: string[] } = { functions: [], notes: [] };
