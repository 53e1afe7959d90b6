/**
 * The phone page of a ticket, server-rendered: readable on a 360–430 px phone without JavaScript, in the hall's
 * colours, Chinese or English. A few lines of script swap in the live part (`?part=live`) every ten seconds, so the
 * visitor's place updates without a reload and the phone buzzes once when they are called. Pure: text in, HTML out.
 */
import { RATING_REASONS } from '@onedoor/protocol';
import type { PageLang, ProgressState, TicketProgress, Words } from './ticket-progress.js';

/** Seconds between live updates of the page. */
export const REFRESH_SECONDS = 10;

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const w = (words: Words | null, lang: PageLang): string => (words ? esc(words[lang]) : '');

const TEXT = {
  title: { zh: '排队进度', en: 'Your place in the queue' },
  yourNumber: { zh: '您的号码', en: 'Your number' },
  ahead: { zh: '前面还有', en: 'ahead of you' },
  people: { zh: '人', en: '' },
  about: { zh: '预计等待约 {m} 分钟', en: 'about {m} min' },
  watch: { zh: '请留意大厅叫号屏和语音播报', en: 'Watch the screens and listen for your number in the hall' },
  updated: { zh: '更新于 {t} · 每{s}秒自动刷新', en: 'Updated {t} · refreshes every {s} s' },
  unknownTitle: { zh: '号票不存在或已过期', en: 'Ticket not found or expired' },
  unknownBody: {
    zh: '号票只在取号当天有效。如需帮助，请到咨询导办台。',
    en: 'A ticket is valid on the day it was taken. Please ask at the information desk.',
  },
  language: { zh: 'English', en: '中文' },
  reasonAsk: {
    zh: '您对本次服务的评价是「{level}」。请告诉我们原因，我们会认真整改：',
    en: 'You rated this service "{level}". Please tell us why, so that we can put it right:',
  },
  reasonOther: { zh: '其他原因（选填）', en: 'Anything else (optional)' },
  reasonSend: { zh: '提交', en: 'Send' },
  reasonThanks: { zh: '已收到，感谢您的反馈', en: 'Received — thank you' },
} satisfies Record<string, Words>;

const t = (key: keyof typeof TEXT, lang: PageLang, vars: Record<string, string | number> = {}): string =>
  esc(TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')));

/** The headline and the line under it for each state. */
function statusBlock(p: TicketProgress, lang: PageLang): string {
  const win = w(p.window, lang);
  const zh = lang === 'zh';
  const block = (state: ProgressState, head: string, body = ''): string =>
    `<section class="status status--${state}" role="status"><p class="status__head">${head}</p>${body ? `<p class="status__body">${body}</p>` : ''}</section>`;
  switch (p.state) {
    case 'waiting':
    case 'soon': {
      const count = `<b class="ahead" data-testid="ahead">${p.ahead ?? 0}</b>`;
      const head = zh ? `${t('ahead', lang)} ${count} ${t('people', lang)}` : `${count} ${t('ahead', lang)}`;
      const minutes =
        p.minutes !== null && p.minutes > 0 && (p.ahead ?? 0) > 0 ? t('about', lang, { m: p.minutes }) : '';
      const soon =
        p.state === 'soon'
          ? zh
            ? '快到您了，请回到等候区留意叫号'
            : 'Almost your turn — please come back to the waiting area'
          : '';
      return block(p.state, head, [minutes, soon].filter(Boolean).join('<br>'));
    }
    case 'called':
      return block(
        'called',
        zh ? `请到 <b data-testid="window">${win}</b> 办理` : `Please go to <b data-testid="window">${win}</b>`,
        zh ? '您已被叫号，请尽快前往' : 'You have been called — please go now',
      );
    case 'serving':
      return block(
        'serving',
        zh ? `正在 <b data-testid="window">${win}</b> 办理` : `Being served at <b data-testid="window">${win}</b>`,
      );
    case 'missed':
      return block(
        'missed',
        zh ? '您已过号' : 'You missed your call',
        zh
          ? `叫号后 ${p.reactivateWithinMinutes} 分钟内，请到${win ? ` <b data-testid="window">${win}</b> 或` : ''}咨询导办台说明，可重新排队。`
          : `Within ${p.reactivateWithinMinutes} min of the call, ask at${win ? ` <b data-testid="window">${win}</b> or` : ''} the information desk to be put back in the queue.`,
      );
    case 'suspended':
      return block(
        'suspended',
        zh ? '业务暂停办理' : 'Your matter is on hold',
        zh ? '请留意工作人员的通知' : 'Please wait for the staff to call you back',
      );
    case 'transferred':
      return block(
        'transferred',
        zh ? '已转到其它业务或窗口' : 'Moved to another service or window',
        zh ? '请留意叫号屏，或到咨询导办台询问' : 'Watch the screens, or ask at the information desk',
      );
    case 'done':
      return block(
        'done',
        zh ? '已办结，感谢您的耐心等待' : 'All done — thank you for waiting',
        zh ? '欢迎对本次服务作出评价' : 'We welcome your rating of the service',
      );
    case 'void':
      return block(
        'void',
        zh ? '此号已作废，不会被叫号' : 'This number was cancelled and will not be called',
        zh ? '如需办理，请重新取号或到咨询导办台' : 'Please take a new number, or ask at the information desk',
      );
    case 'unknown':
      return block('unknown', t('unknownTitle', lang), t('unknownBody', lang));
  }
}

/** The part that changes: number, service, status, time of the update (swapped in by the page's script). */
export function renderLive(p: TicketProgress, lang: PageLang): string {
  const number =
    p.number === null
      ? ''
      : `<p class="label">${t('yourNumber', lang)}</p><p class="number" data-testid="number">${esc(p.number)}</p>${p.service ? `<p class="service">${w(p.service, lang)}</p>` : ''}`;
  const watch = p.state === 'waiting' || p.state === 'soon' ? `<p class="watch">${t('watch', lang)}</p>` : '';
  return `<div class="card" data-state="${p.state}">${number}${statusBlock(p, lang)}${watch}</div><p class="updated">${t('updated', lang, { t: p.updatedAt, s: REFRESH_SECONDS })}</p>`;
}

const CSS = `
:root{--blue:#0b4ea2;--blue-dark:#083a78;--red:#c8261e;--gold:#e9b949;--ink:#1d2433;--muted:#5b6475;--ok:#1f8a4c;--warn:#b45309;--bg:#f3f5f9}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',system-ui,sans-serif;font-size:16px;line-height:1.45}
header{display:flex;align-items:center;gap:12px;padding:14px 16px;background:linear-gradient(135deg,var(--blue-dark),var(--blue));color:#fff}
.emblem{flex:none;display:grid;place-items:center;width:40px;height:40px;border-radius:50%;background:var(--red);border:2px solid var(--gold);color:var(--gold);font-weight:700;font-size:13px}
.hall{flex:1;min-width:0}
.hall__name{margin:0;font-size:18px;font-weight:700;overflow-wrap:anywhere}
.hall__sub{margin:0;font-size:13px;opacity:.85}
.lang{flex:none;color:#fff;text-decoration:none;border:1px solid rgba(255,255,255,.7);border-radius:20px;padding:8px 14px;font-size:14px;min-height:40px;display:inline-flex;align-items:center}
main{padding:16px;max-width:480px;margin:0 auto}
.card{background:#fff;border-radius:16px;padding:20px 16px 18px;text-align:center;box-shadow:0 2px 10px rgba(16,38,80,.08)}
.label{margin:0;color:var(--muted);font-size:14px}
.number{margin:2px 0 0;font-size:72px;font-weight:800;line-height:1.05;letter-spacing:1px;font-variant-numeric:tabular-nums}
.service{margin:4px 0 0;color:var(--blue-dark);font-size:18px;font-weight:600}
.status{margin:16px 0 0;padding:14px 12px;border-radius:12px;background:#e8f0fb}
.status__head{margin:0;font-size:20px;font-weight:700}
.status__body{margin:6px 0 0;font-size:15px;color:var(--muted)}
.status b{color:var(--blue)}
.ahead{font-size:34px}
.status--soon{background:#fff4d6}
.status--called{background:#fff4d6;border:2px solid var(--gold)}
.status--called .status__head{font-size:24px}
.status--called b{color:var(--red)}
.status--serving,.status--done{background:#e6f4ec}
.status--serving b{color:var(--ok)}
.status--missed{background:#fdecea}
.status--missed .status__head{color:var(--red)}
.status--missed .status__body{color:var(--ink)}
.status--void,.status--unknown,.status--transferred,.status--suspended{background:#f1f3f7}
.watch{margin:14px 0 0;color:var(--muted);font-size:14px}
.updated{margin:12px 0 0;text-align:center;color:var(--muted);font-size:13px}
.reasons form{display:flex;flex-direction:column;gap:10px;margin-top:8px}
.reason{display:flex;align-items:center;gap:8px;font-size:17px;padding:8px 10px;border:1px solid #d5dbe3;border-radius:8px;background:#fff}
.reasons input[type=text]{font-size:16px;padding:10px;border:1px solid #d5dbe3;border-radius:8px}
.reasons button{font-size:18px;padding:12px;border:0;border-radius:8px;background:#b4232a;color:#fff}
.reason__answer{margin:0;font-size:16px;color:#1f6fb2}
`;

/**
 * Polls `?part=live` and swaps it in while the page is visible; buzzes once when the state turns to `called`. An
 * older phone without fetch keeps the page as loaded (the noscript refresh covers phones without script).
 */
const SCRIPT = `(function(){var live=document.getElementById('live');if(!live||!window.fetch)return;var url=location.pathname+'?part=live&lang='+document.documentElement.getAttribute('data-lang');function state(){var c=live.querySelector('.card');return c?c.getAttribute('data-state'):''}var last=state();function poll(){if(document.visibilityState==='hidden')return;fetch(url,{cache:'no-store'}).then(function(r){return r.ok?r.text():null}).then(function(html){if(html===null)return;live.innerHTML=html;var now=state();if(now==='called'&&last!=='called'&&navigator.vibrate)navigator.vibrate([300,150,300]);last=now}).catch(function(){})}setInterval(poll,${REFRESH_SECONDS * 1000});document.addEventListener('visibilitychange',poll)})();`;

/**
 * A 差评 without its reason asks the visitor for one here, on their own phone (the ticket's QR code): outside the
 * part the page refreshes, so what they type is not replaced under their fingers.
 */
function reasonForm(ask: { levelText: string } | null, lang: PageLang, ticketId: string): string {
  if (!ask) return '';
  const reasons = RATING_REASONS.filter((r) => r !== '其他')
    .map((r) => `<label class="reason"><input type="radio" name="reason" value="${esc(r)}"> ${esc(r)}</label>`)
    .join('');
  return `<section class="status reasons" data-testid="reason-form" data-ticket="${esc(ticketId)}">
<p class="status__body">${t('reasonAsk', lang, { level: ask.levelText })}</p>
<form id="reason-form" data-thanks="${t('reasonThanks', lang)}">${reasons}
<input type="text" name="other" maxlength="200" placeholder="${t('reasonOther', lang)}" data-testid="reason-other">
<button type="submit" data-testid="reason-send">${t('reasonSend', lang)}</button>
<p class="reason__answer" data-testid="reason-answer" aria-live="polite"></p></form></section>
<script>${REASON_SCRIPT}</script>`;
}

// Sends the chosen reason (and any words typed) once; the hall's answer, or its refusal in plain words, is shown.
const REASON_SCRIPT = `(function(){var f=document.getElementById('reason-form');if(!f||!window.fetch)return;f.addEventListener('submit',function(e){e.preventDefault();var c=f.querySelector('input[name=reason]:checked');var o=f.elements.other.value.trim();var reason=[c?c.value:'',o].filter(Boolean).join('：');var out=f.querySelector('.reason__answer');fetch(location.pathname+'/reason',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({reason:reason})}).then(function(r){return r.json()}).then(function(a){if(a.ok){f.querySelectorAll('input,button').forEach(function(x){x.disabled=true});out.textContent=f.getAttribute('data-thanks')}else{out.textContent=a.error.message}}).catch(function(){out.textContent='网络异常，请重试 / network error, please retry'})})})();`;

export function renderTicketPage(
  p: TicketProgress,
  lang: PageLang,
  ticketId: string,
  askReason: { levelText: string } | null = null,
): string {
  const other: PageLang = lang === 'zh' ? 'en' : 'zh';
  const title = p.number ? `${esc(p.number)} · ${w(p.hallName, lang)}` : w(p.hallName, lang);
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}" data-lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="robots" content="noindex">
<noscript><meta http-equiv="refresh" content="${REFRESH_SECONDS * 2}"></noscript>
<title>${title}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<span class="emblem" aria-hidden="true">一门</span>
<div class="hall"><p class="hall__name" data-testid="hall-name">${w(p.hallName, lang)}</p><p class="hall__sub">${t('title', lang)}</p></div>
<a class="lang" href="/t/${encodeURIComponent(ticketId)}?lang=${other}" hreflang="${other === 'zh' ? 'zh-CN' : 'en'}">${t('language', lang)}</a>
</header>
<main id="live" aria-live="polite">${renderLive(p, lang)}</main>
${reasonForm(askReason, lang, ticketId)}
<script>${SCRIPT}</script>
</body>
</html>`;
}

/** `?lang=en|zh` wins; else the phone's own language: English only when the browser prefers it over Chinese. */
export function pageLang(query: unknown, acceptLanguage: string | undefined): PageLang {
  if (query === 'en' || query === 'zh') return query;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
