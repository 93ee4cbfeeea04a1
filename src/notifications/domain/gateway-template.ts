/** Placeholders a gateway message template may use: the notification's title, text and full link. */
export const GATEWAY_PLACEHOLDERS = ['judul', 'pesan', 'tautan'] as const;
export type GatewayPlaceholder = (typeof GATEWAY_PLACEHOLDERS)[number];

/** Without a template the gateway's `message` is the notification's text alone (as before the setting existed). */
export const DEFAULT_GATEWAY_TEMPLATE = '{pesan}';
export const GATEWAY_TEMPLATE_MAX = 1000;

const TOKEN = /\{([^{}]*)\}/g;

/** Why a template is refused (null when it is fine): unknown or unclosed placeholders, no {pesan}, too long. */
export function gatewayTemplateProblem(template: string): string | null {
  if (!template.trim()) return 'must not be empty';
  if (template.length > GATEWAY_TEMPLATE_MAX) return `must be at most ${GATEWAY_TEMPLATE_MAX} characters`;
  const unknown = [...template.matchAll(TOKEN)]
    .map((m) => m[1])
    .filter((name) => !(GATEWAY_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length)
    return `unknown placeholder {${unknown[0]}}; use ${GATEWAY_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`;
  if (/[{}]/.test(template.replace(TOKEN, ''))) return 'has an unmatched { or }';
  if (!template.includes('{pesan}')) return 'must contain {pesan}';
  return null;
}

/**
 * The template with its placeholders filled in. A backslash followed by n is a line break (env values are one line); a line
 * left empty by its placeholders (no link) is dropped.
 */
export function renderGatewayTemplate(template: string, values: Record<GatewayPlaceholder, string | null>): string {
  return template
    .split(/\r?\n|\\n/)
    .flatMap((line) => {
      const filled = line.replace(TOKEN, (_, name: GatewayPlaceholder) => values[name] ?? '');
      return /\{[^{}]*\}/.test(line) && !filled.trim() ? [] : [filled];
    })
    .join('\n')
    .trim();
}
