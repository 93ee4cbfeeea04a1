import {
  DELIVERY_CHANNELS,
  NOTIFICATION_CATEGORIES,
  type DeliveryChannel,
  type NotificationCategory,
} from './reminder-rules';

export type ChannelChoices = Record<NotificationCategory, DeliveryChannel[]>;

/** Without a choice: e-mail for every category (when the user has an address), the gateway only when chosen. */
export const DEFAULT_CHOICES: ChannelChoices = {
  REALISATION: ['EMAIL'],
  EVALUATION: ['EMAIL'],
  PK: ['EMAIL'],
  DIGEST: ['EMAIL'],
};

/** Stored choices (JSON text) merged over the defaults; unknown keys and channels are dropped. */
export function parseChoices(json: string | null | undefined): ChannelChoices {
  let raw: unknown;
  try {
    raw = json ? JSON.parse(json) : {};
  } catch {
    raw = {};
  }
  const out = { ...DEFAULT_CHOICES };
  for (const c of NOTIFICATION_CATEGORIES) {
    const v = (raw as Record<string, unknown>)?.[c];
    if (Array.isArray(v)) out[c] = DELIVERY_CHANNELS.filter((ch) => v.includes(ch));
  }
  return out;
}

/** The channels a notification goes out on: chosen, configured on this server, and with an address to send to. */
export function channelsFor(
  category: NotificationCategory,
  prefs: { email: string | null; phone: string | null; channels: string } | undefined,
  configured: Record<DeliveryChannel, boolean>,
): DeliveryChannel[] {
  if (!prefs) return [];
  const address: Record<DeliveryChannel, string | null> = { EMAIL: prefs.email, GATEWAY: prefs.phone };
  return parseChoices(prefs.channels)[category].filter((ch) => configured[ch] && address[ch]);
}
