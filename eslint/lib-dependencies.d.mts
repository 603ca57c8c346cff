import type { ESLint } from "eslint";

export type LibDependencies = Record<string, string[]>;
export type LibLayer = { name: string; why: string; modules: LibDependencies };
export function libModuleOf(file: string, root: string): string | null;
export function defineLayers(layers: LibLayer[]): LibLayer[];
export function modulesOf(layers: LibLayer[]): LibDependencies;
export function assertAcyclic<M extends LibDependencies>(modules: M): M;
/** The layers as the project's ESLint config applies them to lib/ (the one source of truth). */
export function loadLibLayers(cwd?: string): Promise<LibLayer[]>;
export const scopewardenPlugin: ESLint.Plugin;
