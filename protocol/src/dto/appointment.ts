import { z } from 'zod';
import { idNumberSchema, idSchema, isoTimeSchema, personNameSchema } from './common.js';
import { issuedTicketSchema } from '../socket/commands.js';

export const APPOINTMENT_STATUSES = ['booked', 'checked-in', 'cancelled', 'no-show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_CHANNELS = ['web', 'app', 'miniprogram', 'phone', 'platform', 'window'] as const;

/** An appointment as booked (REST, or synced from the online platform). Personal data is sealed on arrival. */
export const appointmentInputSchema = z
  .object({
    id: idSchema,
    /** The code the visitor types at the kiosk (预约码). */
    code: z
      .string()
      .regex(
        /^[A-Z0-9]{6,12}$/,
        '预约码为6–12位大写字母或数字 / the appointment code has 6–12 capital letters or digits',
      ),
    serviceId: idSchema,
    matter: z.string().max(100).default(''),
    holder: z.object({ idNumber: idNumberSchema, name: personNameSchema }),
    phone: z
      .string()
      .regex(/^1\d{10}$/, '手机号应为11位 / a mobile number has 11 digits')
      .optional(),
    slotStart: isoTimeSchema,
    slotEnd: isoTimeSchema,
    channel: z.enum(APPOINTMENT_CHANNELS).default('web'),
    platformRef: z.string().max(64).optional(),
  })
  .refine((a) => Date.parse(a.slotEnd) > Date.parse(a.slotStart), {
    message: '时段结束须晚于开始 / slotEnd must be after slotStart',
    path: ['slotEnd'],
  });
export type AppointmentInput = z.input<typeof appointmentInputSchema>;

/** An appointment as clients see it: masked. */
export const appointmentViewSchema = z.object({
  id: idSchema,
  code: z.string(),
  serviceId: idSchema,
  matter: z.string(),
  holderName: z.string(),
  holderId: z.string(),
  slotStart: isoTimeSchema,
  slotEnd: isoTimeSchema,
  status: z.enum(APPOINTMENT_STATUSES),
  ticketId: idSchema.nullable(),
});
export type AppointmentView = z.infer<typeof appointmentViewSchema>;

/** Kiosk check-in: by the appointment code, or by the ID card on the reader. */
export const checkInSchema = z
  .object({
    requestId: z.string().min(8).max(64).optional(),
    code: z
      .string()
      .transform((s) => s.trim().toUpperCase())
      .pipe(
        z
          .string()
          .regex(
            /^[A-Z0-9]{6,12}$/,
            '预约码为6–12位大写字母或数字 / the appointment code has 6–12 capital letters or digits',
          ),
      )
      .optional(),
    idNumber: idNumberSchema.optional(),
  })
  .refine((p) => Boolean(p.code) !== Boolean(p.idNumber), {
    message: '请输入预约码或刷身份证（二选一）/ give the appointment code or swipe the ID card',
  });
export type CheckInPayload = z.input<typeof checkInSchema>;

export const checkInResultSchema = z.object({
  /** on-time: a priority (预约) ticket; late-walk-in: too late for priority, a normal ticket per the hall's rules. */
  outcome: z.enum(['on-time', 'late-walk-in']),
  appointment: appointmentViewSchema,
  issued: issuedTicketSchema,
  /** What to tell the visitor, in Chinese. */
  message: z.string(),
  messageEn: z.string(),
});
export type CheckInResult = z.infer<typeof checkInResultSchema>;
