import { appError, TICKET_STATUS_TEXT, type AppError, type ServiceConfig, type WindowConfig } from '@onedoor/protocol';
import { describeOpeningHours } from '../time/hall-time.js';
import type { Ticket, WindowRuntime } from './queue.types.js';

/** 3号窗口 — how a window is named to people in the hall. */
const windowLabel = (config: WindowConfig): string => `${config.number}号窗口`;

/**
 * Every error the queue can answer with. The Chinese text is written for the clerk or visitor reading it on a
 * screen: what happened and, where there is one, what to do next.
 */
export const queueErrors = {
  serviceNotFound: (serviceId: string): AppError =>
    appError('NOT_FOUND', '没有找到该业务，请重新选择', `service ${serviceId} not found`),
  windowNotFound: (windowId: string): AppError =>
    appError('NOT_FOUND', '没有找到该窗口', `window ${windowId} not found`),
  ticketNotFound: (ticketId: string): AppError =>
    appError('NOT_FOUND', '没有找到该号（可能不是今天的号）', `ticket ${ticketId} not found in today's queue`),
  serviceDisabled: (service: ServiceConfig): AppError =>
    appError('SERVICE_DISABLED', `「${service.name}」暂停办理`, `service ${service.id} is disabled`),
  serviceClosed: (service: ServiceConfig): AppError =>
    appError(
      'SERVICE_CLOSED',
      `「${service.name}」当前不在办理时间（办理时间：${describeOpeningHours(service.openingHours)}）`,
      `service ${service.id} is outside its opening hours`,
    ),
  realNameRequired: (service: ServiceConfig): AppError =>
    appError(
      'REAL_NAME_REQUIRED',
      `「${service.name}」需要实名取号，请在读卡区刷身份证`,
      `service ${service.id} requires real-name queuing: read an ID card first`,
    ),
  dailyCapReached: (service: ServiceConfig): AppError =>
    appError(
      'DAILY_CAP_REACHED',
      `该业务今日号已取完（每天限 ${service.dailyCap} 个号），请改日再来或网上预约`,
      `daily cap of ${service.dailyCap} tickets reached for service ${service.id}`,
    ),
  numberRangeExhausted: (service: ServiceConfig): AppError =>
    appError(
      'NUMBER_RANGE_EXHAUSTED',
      '该业务今日号已取完，请咨询工作人员',
      `number range ${service.rangeStart}–${service.rangeEnd} of service ${service.id} is used up for today`,
    ),
  personLimitReached: (service: ServiceConfig): AppError =>
    appError(
      'PERSON_LIMIT_REACHED',
      `您今日已取过该业务的号（每人每天限 ${service.perPersonDailyLimit} 张）`,
      `per-person daily limit of ${service.perPersonDailyLimit} reached for service ${service.id}`,
    ),
  windowDisabled: (config: WindowConfig): AppError =>
    appError('WINDOW_NOT_OPEN', `${windowLabel(config)}已停用`, `window ${config.id} is disabled`),
  windowNotSignedIn: (config: WindowConfig): AppError =>
    appError(
      'WINDOW_NOT_OPEN',
      `${windowLabel(config)}尚未签到，请先签到`,
      `no clerk is signed in at window ${config.id}`,
    ),
  windowNotOpen: (config: WindowConfig, runtime: WindowRuntime): AppError =>
    runtime.state === 'paused'
      ? appError(
          'WINDOW_NOT_OPEN',
          `${windowLabel(config)}已暂停服务（${runtime.pauseReason ?? ''}），请先恢复服务`,
          `window ${config.id} is paused`,
        )
      : appError('WINDOW_NOT_OPEN', `${windowLabel(config)}未开放，请先开窗`, `window ${config.id} is closed`),
  windowBusy: (config: WindowConfig, current: Ticket | undefined): AppError =>
    appError(
      'WINDOW_BUSY',
      `${windowLabel(config)}正在办理${current ? ` ${current.number}` : '其他号'}，请先办结、转移或挂起`,
      `window ${config.id} has a current ticket`,
    ),
  windowTaken: (config: WindowConfig, clerkName: string | null): AppError =>
    appError(
      'WINDOW_BUSY',
      `${windowLabel(config)}已由${clerkName ?? '其他人员'}签到，请其签退或由管理员关闭窗口后再签到`,
      `window ${config.id} is signed in by another clerk; they must sign out or a manager must close it`,
    ),
  clerkBusyElsewhere: (config: WindowConfig): AppError =>
    appError(
      'WINDOW_BUSY',
      `您在${windowLabel(config)}还有正在办理的号，请先在那里办结`,
      `the clerk still has a current ticket at window ${config.id}`,
    ),
  windowIdle: (config: WindowConfig): AppError =>
    appError(
      'WINDOW_IDLE',
      `${windowLabel(config)}当前没有正在呼叫或办理的号`,
      `window ${config.id} has no current ticket`,
    ),
  noTicketWaiting: (config: WindowConfig): AppError =>
    appError('NO_TICKET_WAITING', '当前没有等候的群众', `nobody is waiting for window ${config.id}`),
  ticketNotCallable: (ticket: Ticket): AppError =>
    appError(
      'TICKET_NOT_CALLABLE',
      `${ticket.number} 当前为“${TICKET_STATUS_TEXT[ticket.status]}”，不能呼叫`,
      `ticket ${ticket.number} is ${ticket.status}, only waiting tickets can be called`,
    ),
  notServedHere: (config: WindowConfig, ticket: Ticket): AppError =>
    ticket.targetWindowId !== null
      ? appError(
          'NOT_SERVED_HERE',
          `${ticket.number} 已转给其他窗口办理`,
          `ticket ${ticket.number} is transferred to window ${ticket.targetWindowId}`,
        )
      : appError(
          'NOT_SERVED_HERE',
          `${windowLabel(config)}不办理 ${ticket.number} 的业务`,
          `window ${config.id} does not serve service ${ticket.serviceId}`,
        ),
  suspendedElsewhere: (config: WindowConfig, ticket: Ticket): AppError =>
    appError(
      'NOT_SERVED_HERE',
      `${ticket.number} 是在其他窗口挂起的，请到原窗口恢复`,
      `ticket ${ticket.number} was suspended at window ${ticket.windowId ?? '?'}, not ${config.id}`,
    ),
  recallLimitReached: (ticket: Ticket, maxRecalls: number): AppError =>
    appError(
      'RECALL_LIMIT_REACHED',
      `${ticket.number} 已重呼 ${maxRecalls} 次，请按过号处理`,
      `ticket ${ticket.number} has been recalled ${maxRecalls} times`,
    ),
  reactivationExpired: (ticket: Ticket, minutes: number): AppError =>
    appError(
      'REACTIVATION_EXPIRED',
      `${ticket.number} 过号已超过 ${minutes} 分钟，不能恢复，请重新取号`,
      `ticket ${ticket.number} missed its call more than ${minutes} minutes ago`,
    ),
  invalidTransition: (message: string, messageEn: string): AppError =>
    appError('INVALID_TRANSITION', message, messageEn),
  badRequest: (message: string, messageEn: string): AppError => appError('BAD_REQUEST', message, messageEn),
};
