/** An optional text field's value as the API takes it: trimmed, or null when left blank. */
export const blankToNull = (v: string | null | undefined) => v?.trim() || null;
