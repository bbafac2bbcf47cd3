// Chinese by default; the choice is kept in localStorage.
const SIM_I18N = {
  zh: {
    brand: '印流 设备模拟器', polling: '实时', offline: '断开', power: '电源', serial: '串口', cloud: '云端',
    locked: '已锁定', unlocked: '已解锁', clear: '清除', ok: '确认', badge: '刷卡', press: '盖 章',
    remaining: '剩余次数', door: '柜门', relay: '门锁继电器', powerSw: '电源', network: '网络', tamper: '防拆触发',
    camera: '摄像头', camNormal: '正常', camNoImpression: '无印迹', camBlank: '空白页', lastPhoto: '最近照片',
    noPhoto: '尚无照片', tokens: '已布防令牌', noTokens: '无令牌 — 等待审批通过', counter: '累计盖章',
    forcedPresses: '强制按压', pending: '待确认帧', log: '事件', sealDevice: '智能印章', cabinet: '智能印章柜',
    open: '已打开', closed: '已关闭', relayOpen: '通电（开）', relayClosed: '断电（锁）', present: '在位', out: '已取出',
    takeOut: '取出', putBack: '放回', slot: '槽位', idle: '待机 · 请输入 PIN', noPower: '无电源',
    sessionLine: '会话 {id} · 剩余 {n} 次 · {s} 秒', authSent: 'PIN 已提交…', authOk: '验证通过，等待解锁…',
    authRefused: '验证失败', enterPin: 'PIN', pressForced: '无会话按压 — 已上报防拆', pressOk: '已盖章',
    badgePrompt: '卡号（十六进制）', devices: '虚拟设备', openPanel: '打开面板', photoOf: '第 {n} 次按压',
    endSession: '结束用印', tamperLatched: '防拆已锁存', tokenArmed: '已布防', tokenInSession: '会话中', pressesUsed: '已盖 {n} 次', presses: '次', expires: '到期', custodian: '保管人', request: '申请',
    indexTitle: '虚拟设备', indexHint: '每台虚拟设备都运行真实的边缘代理，通过串口协议连接模拟 MCU。'
  },
  en: {
    brand: 'SealFlow device simulator', polling: 'live', offline: 'offline', power: 'Power', serial: 'Serial', cloud: 'Cloud',
    locked: 'Locked', unlocked: 'Unlocked', clear: 'Clear', ok: 'OK', badge: 'Badge', press: 'STAMP',
    remaining: 'presses left', door: 'Door', relay: 'Lock relay', powerSw: 'Power', network: 'Network', tamper: 'Tamper',
    camera: 'Camera', camNormal: 'Normal', camNoImpression: 'No impression', camBlank: 'Blank page', lastPhoto: 'Last photo',
    noPhoto: 'No photo yet', tokens: 'Armed tokens', noTokens: 'No token — waiting for approval', counter: 'Total presses',
    forcedPresses: 'Forced presses', pending: 'Unacked frames', log: 'Events', sealDevice: 'Smart seal', cabinet: 'Seal cabinet',
    open: 'open', closed: 'closed', relayOpen: 'energised (open)', relayClosed: 'released (locked)', present: 'present', out: 'taken out',
    takeOut: 'Take out', putBack: 'Put back', slot: 'Slot', idle: 'Idle · enter PIN', noPower: 'NO POWER',
    sessionLine: 'Session {id} · {n} left · {s} s', authSent: 'PIN sent…', authOk: 'Accepted, unlocking…',
    authRefused: 'Refused', enterPin: 'PIN', pressForced: 'Press without session — reported as tamper', pressOk: 'Stamped',
    badgePrompt: 'Badge id (hex)', devices: 'Virtual devices', openPanel: 'Open panel', photoOf: 'press #{n}',
    endSession: 'End session', tamperLatched: 'Tamper latched', tokenArmed: 'armed', tokenInSession: 'in session', pressesUsed: '{n} pressed', presses: 'presses', expires: 'expires', custodian: 'custodian', request: 'request',
    indexTitle: 'Virtual devices', indexHint: 'Each virtual device runs a real edge agent talking the serial protocol to a simulated MCU.'
  }
};
let simLang = new URLSearchParams(location.search).get('lang') || localStorage.getItem('sim-lang') || 'zh';
if (!SIM_I18N[simLang]) simLang = 'zh';
function t(key, vars) {
  let s = (SIM_I18N[simLang] && SIM_I18N[simLang][key]) || SIM_I18N.zh[key] || key;
  for (const [k, v] of Object.entries(vars || {})) s = s.replace('{' + k + '}', v);
  return s;
}
function applyI18n() {
  document.documentElement.lang = simLang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  const btn = document.getElementById('lang');
  if (btn) btn.textContent = simLang === 'zh' ? 'English' : '中文';
}
function toggleLang() {
  simLang = simLang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('sim-lang', simLang);
  applyI18n();
}
