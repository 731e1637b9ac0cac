/** An issue as the API answers it (`issues` of a 400) and as a schema's own check gives it. */
export type Issue = { path: readonly PropertyKey[]; message: string };

/**
 * Issues by the form field they are about (the first part of their path), the first sentence of
 * each; those about no field of the form stay `other`, to be shown with the form as a whole.
 */
export function issuesByField<F extends string>(issues: readonly Issue[], fields: readonly F[]): { byField: Partial<Record<F, string>>; other: string[] } {
  const byField: Partial<Record<F, string>> = {};
  const other: string[] = [];
  for (const { path, message } of issues) {
    const field = fields.find((f) => f === path[0]);
    if (field === undefined) other.push(message);
    else byField[field] ??= message;
  }
  return { byField, other };
}
