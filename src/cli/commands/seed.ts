export function registerSeed(_p: import("commander").Command) {}
