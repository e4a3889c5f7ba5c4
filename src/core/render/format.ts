/** Number formatting shared by every rendering. Deterministic: no locale, no clock. */

function significant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toFixed(Math.min(decimals, 6));
}

const TIME_UNITS: [number, string][] = [
  [1000, 's'],
  [1, 'ms'],
  [1e-3, 'µs'],
  [1e-6, 'ns'],
];

function formatTime(ms: number): string {
  const abs = Math.abs(ms);
  for (const [scale, unit] of TIME_UNITS) {
    if (abs >= scale || scale === 1e-6) return `${significant(ms / scale)} ${unit}`;
  }
  return `${significant(ms)} ms`;
}

function formatRate(perSecond: number, unit: string): string {
  const abs = Math.abs(perSecond);
  const suffix = unit === 'ops/s' ? ' ops/s' : ` ${unit}`;
  if (abs >= 1e9) return `${significant(perSecond / 1e9)}G${suffix}`;
  if (abs >= 1e6) return `${significant(perSecond / 1e6)}M${suffix}`;
  if (abs >= 1e4) return `${significant(perSecond / 1e3)}k${suffix}`;
  return `${significant(perSecond)}${suffix}`;
}

function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= 2 ** 30) return `${significant(bytes / 2 ** 30)} GiB`;
  if (abs >= 2 ** 20) return `${significant(bytes / 2 ** 20)} MiB`;
  if (abs >= 2 ** 10) return `${significant(bytes / 2 ** 10)} KiB`;
  return `${significant(bytes)} B`;
}

/** A value in its canonical unit, scaled for reading: 0.0123 ms -> "12.3 µs". */
export function formatValue(value: number, unit: string): string {
  if (unit === 'ms') return formatTime(value);
  if (unit === 'ops/s' || unit.endsWith('/s')) return formatRate(value, unit);
  if (unit === 'B') return formatBytes(value);
  if (unit === '%') return `${significant(value, 4)}%`;
  return unit ? `${significant(value)} ${unit}` : significant(value);
}

/** 0.1 -> "10%", 0.025 -> "2.5%". */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  const text = Math.abs(pct) >= 10 ? pct.toFixed(0) : Math.abs(pct) >= 1 ? pct.toFixed(1) : pct.toFixed(2);
  return `${text.replace(/\.0+$/, '')}%`;
}

/** A head/base ratio as a signed change: 1.2 -> "+20.0%", 0.97 -> "-3.0%". */
export function formatRatioChange(ratio: number): string {
  const pct = (ratio - 1) * 100;
  const abs = Math.abs(pct);
  const text = abs >= 100 ? abs.toFixed(0) : abs.toFixed(1);
  if (text === '0.0') return '0.0%';
  return `${pct < 0 ? '-' : '+'}${text}%`;
}
