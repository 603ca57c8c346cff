import type { ESLint } from "eslint";

export type LibDependencies = Record<string, string[]>;
export function libModuleOf(file: string, root: string): string | null;
export function assertAcyclic<M extends LibDependencies>(modules: M): M;
/** The map as the project's ESLint config applies it to lib/ (the one source of truth). */
export function loadLibDependencies(cwd?: string): Promise<LibDependencies>;
export const scopewardenPlugin: ESLint.Plugin;
