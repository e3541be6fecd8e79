import { type ErrorCodeDefinition, type ErrorFamily, errorCodes } from './error-codes.js';

/** The families in the order the document lists them, with their headings. */
const familyHeadings: ReadonlyArray<readonly [ErrorFamily, string, string]> = [
  ['provider', 'Provider', 'Failures talking to a cloud provider; class `ProviderError`.'],
  ['provision', 'Provisioning', 'Failures provisioning a node over SSH; class `ProvisionError`.'],
  ['job', 'Jobs', 'Failures of the job machinery itself; class `JobError`.'],
  ['store', 'Store', 'Failures of the persistence layer; class `StoreError`.'],
  [
    'validation',
    'Validation and API',
    'Bad input, missing resources, refused requests and secret handling; class `ValidationError`.',
  ],
];

/** A table cell: pipes would end the cell, newlines the row, and `<word>` would read as an HTML tag. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('<', '\\<').replaceAll('\n', ' ');
}

function cells(code: string, definition: ErrorCodeDefinition): string[] {
  return [
    `\`${code}\``,
    definition.retryable ? 'yes' : 'no',
    String(definition.httpStatus),
    cell(definition.meaning),
    cell(definition.guidance),
  ];
}

/** A table with padded columns, the layout Biome's Markdown formatter gives it, so the lint stays clean. */
function table(header: readonly string[], rows: readonly string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((cellTexts) => (cellTexts[column] ?? '').length)),
  );
  const line = (texts: readonly string[]) =>
    `| ${texts.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

/**
 * The text of `docs/error-codes.md`, rendered from the registry. Pure, so the freshness test can compare
 * it with the committed file without writing anything.
 */
export function renderErrorCodesDoc(): string {
  const entries = Object.entries(errorCodes) as Array<[string, ErrorCodeDefinition]>;
  const lines: string[] = [
    '<!-- generated — do not edit. Source: packages/core/src/errors/error-codes.ts; regenerate with `pnpm --filter @pressluft/core run generate:error-codes`. -->',
    '',
    '# Error codes',
    '',
    'Every error Pressluft reports carries one of these codes. A code never changes meaning once released.',
    '"Retryable" says whether repeating the same operation later can succeed without anyone changing',
    'anything; "HTTP" is the status the control-plane API answers with when the error reaches a request.',
    '',
  ];
  for (const [family, heading, summary] of familyHeadings) {
    const rows = entries.filter(([, definition]) => definition.family === family);
    if (rows.length === 0) continue;
    lines.push(`## ${heading}`, '', summary, '');
    const header = ['Code', 'Retryable', 'HTTP', 'Meaning', 'Guidance'];
    lines.push(
      ...table(
        header,
        rows.map(([code, definition]) => cells(code, definition)),
      ),
      '',
    );
  }
  return lines.join('\n');
}
