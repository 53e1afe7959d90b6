/**
 * What `npm start` prints: the addresses of every app, the demo's device links and accounts, and where the tickets'
 * QR codes point. Pure text from the running hall, so it is tested like any other output.
 */
import type { DemoLink } from './app/demo/demo-links.js';
import type { DemoAppointmentState } from './app/demo/demo-seed.js';
import { DEMO_PASSWORD } from './app/demo/demo-hall.js';
import type { HallConfig } from './config/config.schema.js';

export interface BannerInput {
  config: HallConfig;
  port: number;
  mqttUrl: string;
  dataDir: string;
  virtualDevices: boolean;
  demoLinks: readonly DemoLink[];
  demoAppointments: readonly DemoAppointmentState[];
  /** This machine's LAN addresses (IPv4), to suggest a public URL phones can open. */
  lanAddresses: readonly string[];
}

const LINK_NOTE: Record<DemoLink['state'], string> = {
  issued: '',
  kept: '',
  repaired: '（已在控制台用配对码重新配对，保持不变 / paired again in the console: unchanged）',
  unpaired: '（未配对：请在控制台生成配对码 / not paired: make a pairing code in the console）',
};

function deviceLink(base: string, path: string, link: DemoLink | undefined): string {
  if (!link) return `${base}${path}`;
  return link.token ? `${base}${path}#token=${link.token}` : `${base}${path}  ${LINK_NOTE[link.state]}`;
}

/** The public base of the tickets' QR codes, and a warning when phones could not open it. */
export function publicUrlLines(config: HallConfig, port: number, lanAddresses: readonly string[]): string[] {
  const configured = config.hall.publicUrl;
  const base = (configured ?? `http://localhost:${port}`).replace(/\/$/, '');
  const lines = [`  号票二维码 Ticket QR   ${base}/t/<号票 ticket>`];
  if (!configured) {
    const suggestion = `http://${lanAddresses[0] ?? '<本机局域网地址 LAN address>'}:${port}`;
    lines.push(
      `    ⚠ 手机打不开 localhost：请设置 HALL_PUBLIC_URL=${suggestion}（或配置 hall.publicUrl）`,
      `      phones cannot open localhost: set HALL_PUBLIC_URL=${suggestion} (or hall.publicUrl in the config file)`,
    );
  }
  return lines;
}

export function welcomeBanner(h: BannerInput): string {
  const base = `http://localhost:${h.port}`;
  const link = (id: string) => h.demoLinks.find((l) => l.deviceId === id);
  const lines = [
    '',
    `  一门 OneDoor · ${h.config.hall.name} (${h.config.hall.id}) 已启动 / is running`,
    '',
    `  取号机 Kiosk          ${deviceLink(base, '/kiosk/', link('kiosk-01'))}`,
    `  窗口   Window client  ${base}/window/`,
    `  叫号屏 Display board  ${deviceLink(base, '/display/', link('display-main'))}`,
    `  控制台 Console        ${base}/console/`,
    `  后台审批 Back office  ${base}/console/backoffice.html`,
    `  统计报表 Statistics   ${base}/console/stats.html`,
    `  健康   Health         ${base}/healthz   指标 Metrics ${base}/metrics   API ${base}/api/openapi.json`,
    ...publicUrlLines(h.config, h.port, h.lanAddresses),
    `  MQTT                  ${h.mqttUrl}${h.virtualDevices ? '   虚拟设备 virtual pads/LEDs/evaluators: 1–2号窗口 (POST /api/demo/pads/pad-w01/keys)' : ''}`,
    `  数据   Data           ${h.dataDir}`,
  ];
  if (h.config.platform.url)
    lines.push(
      `  平台   Platform       ${h.config.platform.url} (${h.config.platform.signing.alg}; 同步状态 sync state: ${base}/console/sync.html)`,
    );
  if (h.config.demo.seed) {
    const gateway = link('gateway-01');
    if (gateway && !gateway.token && h.config.demo.virtualDevices)
      lines.push(`  设备网关 gateway-01   ${LINK_NOTE[gateway.state]}：虚拟设备未启动 / virtual devices not started`);
    lines.push(
      '',
      '  演示设备链接重启后不变 / the demo device links stay the same across restarts',
      `  演示账号 Demo accounts (密码 password: ${DEMO_PASSWORD})`,
      `    admin 系统管理员 · manager01 王主任 · clerk01…clerk20 → 1…20号窗口 · approver-scjgj 等各部门审批人员 (departments' approvers)`,
      `  演示预约码 Demo appointment codes: ${h.demoAppointments.map((a) => `${a.code} ${a.label}`).join(' · ') || '—'}`,
    );
  }
  lines.push('', '  Ctrl-C 停止 / to stop', '');
  return lines.join('\n');
}
