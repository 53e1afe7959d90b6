import type { z } from 'zod';
import {
  callTicketSchema,
  callsSinceSchema,
  deviceStatusSchema,
  emptySchema,
  greenUnlockSchema,
  issueTicketSchema,
  pauseWindowSchema,
  printResultSchema,
  reactivateTicketSchema,
  resumeTicketSchema,
  setNoticeSchema,
  transferTicketSchema,
  windowRefSchema,
} from './commands.js';
import { checkInSchema } from '../dto/appointment.js';
import type {
  ConsoleClientEvents,
  DisplayClientEvents,
  EventPayload,
  KioskClientEvents,
  WindowClientEvents,
} from './events.js';

/** One client → server event: its payload schema must accept what the event map says the client sends. */
export interface EventDoc<P = unknown> {
  schema: z.ZodType<unknown, P>;
  /** What the ack carries on success. */
  returns: string;
  doc: string;
}

const snapshot = {
  schema: emptySchema,
  returns: 'HallSnapshot',
  doc: '当前大厅快照（断档时重新获取）/ the current hall snapshot, asked for after a sequence gap',
};
const windowCmd = (doc: string, returns = 'TicketView') => ({ schema: windowRefSchema, returns, doc });

/** A doc for every event of the map, each schema checked against the event's payload type. */
type EventDocs<E> = { [K in keyof E]: EventDoc<EventPayload<E[K]>> };

/** Every client → server event, per namespace: payload schema, ack data, meaning. Checked against the event maps. */
export const SOCKET_CATALOG = {
  '/kiosk': {
    'hall:snapshot': snapshot,
    'ticket:issue': {
      schema: issueTicketSchema,
      returns: 'IssuedTicket',
      doc: '取号；实名业务需带身份证信息 / take a number; real-name services need the holder from the ID-card reader',
    },
    'ticket:print-result': {
      schema: printResultSchema,
      returns: 'TicketView',
      doc: '报告打印结果；打印失败的号作废、不会被叫 / report the print; a ticket that failed to print is voided and never called',
    },
    'appointment:check-in': {
      schema: checkInSchema,
      returns: 'CheckInResult',
      doc: '预约签到：按时→预约优先号；过早→提示几点再来；迟到→按大厅规则取普通号或拒绝 / check in: on time → a priority ticket; early → when to come back; late → a normal ticket or refused, per the hall rules',
    },
    'catalog:bundles': {
      schema: emptySchema,
      returns: 'KioskBundle[]',
      doc: '一件事 磁贴：本大厅在用的一件事及受理它的业务 / the 一件事 tiles: bundles in force and the service that takes each',
    },
    'staff:green-unlock': {
      schema: greenUnlockSchema,
      returns: 'GreenUnlock',
      doc: '工作人员刷卡或输入工号密码，授权本机开具一张绿色通道号（服务端核验角色）/ a staff card or code unlocks one 绿色通道 ticket at this kiosk (the role is checked by the server)',
    },
  } satisfies EventDocs<KioskClientEvents>,
  '/window': {
    'hall:snapshot': snapshot,
    'window:sign-in': windowCmd('签到窗口并开始服务 / sign in at a window and open it', 'WindowView'),
    'window:sign-out': windowCmd('签退（窗口须空闲）/ sign out (the window must be idle)', 'WindowView'),
    'window:open': windowCmd('恢复服务 / resume service', 'WindowView'),
    'window:pause': { schema: pauseWindowSchema, returns: 'WindowView', doc: '暂停并填写原因 / pause with a reason' },
    'window:close': windowCmd('关闭窗口 / close the window', 'WindowView'),
    'ticket:issue': {
      schema: issueTicketSchema,
      returns: 'IssuedTicket',
      doc: '窗口代取号 / issue a ticket at the window',
    },
    'ticket:call-next': windowCmd('叫下一位（先办结当前号）/ call the next visitor (finishing the current one)'),
    'ticket:call': {
      schema: callTicketSchema,
      returns: 'TicketView',
      doc: '叫指定号 / call a specific waiting ticket',
    },
    'ticket:recall': windowCmd('重呼（有次数上限）/ call the current ticket again (limited)'),
    'ticket:start': windowCmd('开始办理 / the visitor arrived: start serving'),
    'ticket:finish': windowCmd('办结 / finish the current ticket'),
    'ticket:no-show': windowCmd('过号 / the visitor did not come'),
    'ticket:reactivate': {
      schema: reactivateTicketSchema,
      returns: 'TicketView',
      doc: '过号重排（限时，排在 N 人之后）/ re-activate a missed number within the allowed time',
    },
    'ticket:transfer': {
      schema: transferTicketSchema,
      returns: 'TicketView',
      doc: '转移到其它业务或窗口 / transfer to another service or window',
    },
    'ticket:suspend': windowCmd('挂起当前号 / suspend the current ticket'),
    'ticket:resume': {
      schema: resumeTicketSchema,
      returns: 'TicketView',
      doc: '恢复挂起的号 / resume a suspended ticket at this window',
    },
  } satisfies EventDocs<WindowClientEvents>,
  '/display': {
    'hall:snapshot': snapshot,
    'device:status': {
      schema: deviceStatusSchema,
      returns: 'null',
      doc: '显示屏报告自身状态（如声音被浏览器拦截），控制台设备列表显示 / the board reports its own state (sound blocked by the browser …), shown in the console',
    },
    'hall:calls-since': {
      schema: callsSinceSchema,
      returns: 'MissedCalls',
      doc: '断线期间错过的叫号（取自事件日志，快照只含最近 20 条）/ the calls missed during a cut, from the event log (the snapshot keeps only the last 20)',
    },
  } satisfies EventDocs<DisplayClientEvents>,
  '/console': {
    'hall:snapshot': snapshot,
    'notice:set': {
      schema: setNoticeSchema,
      returns: '{ notice }',
      doc: '设置大屏滚动通知 / set the scrolling notice on the boards',
    },
    'window:pause': { schema: pauseWindowSchema, returns: 'WindowView', doc: '管理员暂停窗口 / pause a window' },
    'window:open': windowCmd('管理员开启窗口 / open a window', 'WindowView'),
    'window:close': windowCmd('管理员关闭窗口 / close a window', 'WindowView'),
  } satisfies EventDocs<ConsoleClientEvents>,
} as const;
