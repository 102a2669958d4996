/**
 * The command line's version, as package.json gives it (a test keeps the two equal: the built
 * command line runs from dist-cli/, where package.json is not beside it).
 */
export const VERSION = "0.1.0";
