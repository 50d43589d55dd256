/**
 * Parses a Prometheus-style duration (`90s`, `5m`, `1h30m`, `2d`, `500ms`) or a bare number of
 * seconds into seconds. Throws `Invalid duration ...` naming the value.
 */
export function parseDurationSeconds(text: string | number): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text >= 0) return text
  } else {
    const s = text.trim()
    if (/^\d+(\.\d+)?$/.test(s)) return Number(s)
    const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy
    let total = 0
    let matched = 0
    let m: RegExpExecArray | null
    while ((m = re.exec(s))) {
      const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[
        m[2] as 'ms' | 's' | 'm' | 'h' | 'd' | 'w'
      ]
      total += Number(m[1]) * unit
      matched = re.lastIndex
    }
    if (s.length > 0 && matched === s.length) return total
  }
  throw new Error(
    `Invalid duration '${text}'. Expected a number of seconds or a duration like 30s, 5m, 1h30m.`,
  )
}
