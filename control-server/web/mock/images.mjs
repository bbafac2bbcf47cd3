// Synthetic pictures for the mock API: a stamp photo (page + red impression) and a document page.
const lines = (x, y, n, w = 300, gap = 22) =>
  Array.from({ length: n }, (_, i) => `<rect x="${x}" y="${y + i * gap}" width="${w - ((i * 37) % 90)}" height="8" rx="4" fill="#c9ced8"/>`).join('')

export function sealImpression(cx, cy, r, text, opacity = 0.85, rot = -8) {
  return `<g transform="translate(${cx} ${cy}) rotate(${rot})" opacity="${opacity}">
    <circle r="${r}" fill="none" stroke="#d4202f" stroke-width="${r * 0.07}"/>
    <path d="M0 ${-r * 0.32}l${r * 0.1} ${r * 0.22}h${r * 0.24}l-${r * 0.19} ${r * 0.14} ${r * 0.07} ${r * 0.24}-${r * 0.22}-${r * 0.14}-${r * 0.22} ${r * 0.14} ${r * 0.07}-${r * 0.24}-${r * 0.19}-${r * 0.14}h${r * 0.24}z" fill="#d4202f"/>
    <text y="${r * 0.62}" text-anchor="middle" font-size="${r * 0.22}" fill="#d4202f" font-weight="700" font-family="serif">${text}</text>
    <text y="${-r * 0.5}" text-anchor="middle" font-size="${r * 0.17}" fill="#d4202f" font-family="serif">示例科技有限公司</text>
  </g>`
}

export function photoSvg(press, sealName) {
  const kind = press.kind
  const tint = kind === 'forced' ? '#3a3f4a' : '#8d8672'
  const page = kind === 'blank'
    ? ''
    : `${lines(70, 90, 3, 260)}${lines(70, 170, 7)}`
  const seal = kind === 'blank' ? '' : kind === 'faint' ? sealImpression(300, 330, 62, sealName, 0.18, 14) : sealImpression(290, 320, 66, sealName, 0.86, press.counter % 2 ? -9 : 7)
  const hand = kind === 'forced' ? '<path d="M340 480 q40 -120 110 -150 l40 80 q-60 40 -90 120z" fill="#b98a6a" opacity="0.85"/>' : ''
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480" viewBox="0 0 480 480">
  <defs><radialGradient id="v" cx="50%" cy="45%" r="75%"><stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.45"/></radialGradient></defs>
  <rect width="480" height="480" fill="${tint}"/>
  <g transform="rotate(${(press.counter % 5) - 2} 240 240)">
    <rect x="40" y="40" width="400" height="470" fill="#f7f5ef"/>
    ${page}${seal}
  </g>${hand}
  <rect width="480" height="480" fill="url(#v)"/>
  <text x="12" y="466" font-size="13" fill="#fff" font-family="monospace" opacity="0.9">${press.deviceId.toUpperCase()} #${press.counter} ${press.at.slice(0, 19).replace('T', ' ')}</text>
</svg>`
}

export function documentSvg(name) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="794" height="1123" viewBox="0 0 794 1123">
  <rect width="794" height="1123" fill="#fff"/>
  <text x="397" y="120" text-anchor="middle" font-size="30" font-weight="700" font-family="serif" fill="#1d2330">${name.replace(/\.[a-z]+$/, '')}</text>
  <text x="90" y="190" font-size="17" font-family="serif" fill="#333">甲方：示例科技有限公司</text>
  <text x="90" y="222" font-size="17" font-family="serif" fill="#333">乙方：上海澄川贸易有限公司</text>
  ${lines(90, 270, 10, 610, 30)}
  <text x="90" y="600" font-size="17" font-family="serif" fill="#333">第七条 违约责任</text>
  ${lines(90, 625, 8, 610, 30)}
  <text x="90" y="950" font-size="17" font-family="serif" fill="#333">甲方（盖章）：</text>
  <text x="470" y="950" font-size="17" font-family="serif" fill="#333">乙方（盖章）：</text>
  <text x="90" y="1000" font-size="15" font-family="serif" fill="#666">日期：2026 年 11 月 26 日</text>
</svg>`
}
