import { formatDay, TIME_ZONE } from '#site/lib/dates.ts';

/** `2027年5月12日`, for a unix-ms time. */
export const day = (ms: number) => formatDay(new Date(ms));

const stamp = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `2027年5月12日 09:00`, for a unix-ms time. */
export const dayTime = (ms: number) => stamp.format(new Date(ms));

/** The message to show for a failed request. */
export const messageOf = (err: unknown) => (err instanceof Error && err.message ? err.message : '操作失败，请稍后再试。');

/** Support figures as staff read them: the public count, then every device and the distinct addresses behind it. */
export const supportText = (i: { supportCount: number; supportRaw: number; supportAddresses: number }) =>
  `计 ${i.supportCount} 人支持（共 ${i.supportRaw} 台设备，来自 ${i.supportAddresses} 个网络地址）`;
