/** One finding of `cce-operator validate`, and how it prints: `file:line:col: severity: Kind ns/name: field: message`. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  /** `CceNodePool default/demo-general`, or empty for a problem with the file itself. */
  object: string;
  /** `spec.clusterRef.name`, or empty. */
  field: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const what = [p.object, p.field].filter(Boolean).join(': ');
  return `${p.file}:${p.line}:${p.col}: ${p.severity}: ${what ? `${what}: ` : ''}${p.message}`;
}

/** Problems in file, then line order. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}
