// Small SQL helpers shared by the tables' hand-written queries.

/** `%text%` for LIKE / ILIKE, with the user's own `%`, `_` and `\` matched literally. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
