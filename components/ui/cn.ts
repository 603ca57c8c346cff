import { twMerge } from "tailwind-merge";

/**
 * Joins class names, skipping falsy ones. Later Tailwind classes win over earlier ones of the same
 * kind (`cn("w-48", "w-auto")` is `w-auto`), so a caller's className overrides a component's default.
 */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return twMerge(classes.filter(Boolean).join(" "));
}
