/**
 * Device-side simulator of a SAM ID-card reader. It speaks the real protocol on a ByteTransport (memory pair,
 * serial port on a pty, MockBinding port), so the driver under test cannot tell it from a reader.
 */
import type { ByteTransport } from '../transport/byte-transport.js';
import { SamFrameParser } from './frame-parser.js';
import { decodeRequest, encodeBaseInfo, encodeResponse, SW3, type SamRequest } from './protocol.js';
import { CARD_TYPE_FLAGS, LAYOUTS, LONG_TERM, PHOTO_WLT_LENGTH, TEXT_BLOCK_LENGTH, type IdCard } from './card-text.js';

interface Field {
  at: number;
  bytes: number;
}

function writeField(block: Uint8Array, field: Field, value: string, what: string): void {
  const chars = field.bytes / 2;
  if (value.length > chars) throw new RangeError(`${what} "${value}" is longer than ${chars} characters`);
  const bytes = Buffer.from(value.padEnd(chars, ' '), 'utf16le');
  block.set(bytes, field.at);
}

const compactDate = (iso: string): string => iso.replaceAll('-', '');

/**
 * Encodes a card into the 256-byte UCS-2LE text block: the exact inverse of `decodeCardText`
 * (derived fields such as `gender`, `nation` are ignored; codes are written).
 */
export function encodeCardText(card: IdCard): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_LENGTH);
  writeField(block, { at: 0, bytes: TEXT_BLOCK_LENGTH }, '', 'padding');
  const validTo = card.longTerm || card.validTo === null ? LONG_TERM : compactDate(card.validTo);
  switch (card.kind) {
    case 'resident':
    case 'hmt-residence-permit': {
      const L = LAYOUTS.resident;
      writeField(block, L.name, card.name, 'name');
      writeField(block, L.gender, card.genderCode, 'gender');
      writeField(block, L.nation, card.nationCode, 'nation');
      writeField(block, L.birth, compactDate(card.birthDate), 'birth date');
      writeField(block, L.address, card.address, 'address');
      writeField(block, L.idNumber, card.idNumber, 'ID number');
      writeField(block, L.authority, card.issuingAuthority, 'issuing authority');
      writeField(block, L.validFrom, compactDate(card.validFrom), 'valid-from');
      writeField(block, L.validTo, validTo, 'valid-to');
      if (card.kind === 'hmt-residence-permit') {
        writeField(block, LAYOUTS.hmt.passNumber, card.passNumber, 'pass number');
        writeField(block, LAYOUTS.hmt.issueCount, String(card.issueCount).padStart(2, '0'), 'issue count');
        writeField(block, LAYOUTS.typeFlag, CARD_TYPE_FLAGS['hmt-residence-permit'], 'type flag');
      }
      break;
    }
    case 'foreigner-2017': {
      const L = LAYOUTS.foreigner2017;
      writeField(block, L.englishName, card.englishName, 'English name');
      writeField(block, L.gender, card.genderCode, 'gender');
      writeField(block, L.cardNumber, card.cardNumber, 'card number');
      writeField(block, L.nationality, card.nationalityCode, 'nationality');
      writeField(block, L.chineseName, card.chineseName, 'Chinese name');
      writeField(block, L.validFrom, compactDate(card.validFrom), 'valid-from');
      writeField(block, L.validTo, validTo, 'valid-to');
      writeField(block, L.birth, compactDate(card.birthDate), 'birth date');
      writeField(block, L.cardVersion, card.cardVersion, 'card version');
      writeField(block, L.authorityCode, card.issuingAuthorityCode, 'authority code');
      writeField(block, LAYOUTS.typeFlag, CARD_TYPE_FLAGS['foreigner-2017'], 'type flag');
      break;
    }
    case 'foreigner-2023': {
      const L = LAYOUTS.foreigner2023;
      const first = L.englishName1.bytes / 2;
      writeField(block, L.chineseName, card.chineseName, 'Chinese name');
      writeField(block, L.gender, card.genderCode, 'gender');
      writeField(block, L.renewalCount, String(card.renewalCount).padStart(2, '0'), 'renewal count');
      writeField(block, L.birth, compactDate(card.birthDate), 'birth date');
      writeField(block, L.englishName1, card.englishName.slice(0, first), 'English name');
      writeField(block, L.englishName2, card.englishName.slice(first), 'English name (continued)');
      writeField(block, L.cardNumber, card.cardNumber, 'card number');
      writeField(block, L.validFrom, compactDate(card.validFrom), 'valid-from');
      writeField(block, L.validTo, validTo, 'valid-to');
      writeField(block, L.nationality, card.nationalityCode, 'nationality');
      writeField(block, L.previousLink, card.previousNumberLink, 'previous number link');
      writeField(block, LAYOUTS.typeFlag, CARD_TYPE_FLAGS['foreigner-2023'], 'type flag');
      break;
    }
  }
  return block;
}

/** A deterministic fake WLT photo (the real format is vendor-only); byte 0..3 spell "WLT" + kind. */
export function fakePhotoWlt(seed = 1): Uint8Array {
  const out = new Uint8Array(PHOTO_WLT_LENGTH);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < out.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  out.set([0x57, 0x4c, 0x54, 0x00]);
  return out;
}

/** What is on the simulated reader. */
export interface SimCard {
  /** The text block; use {@link encodeCardText} to build one from a card. */
  text: Uint8Array;
  photoWlt: Uint8Array;
}

/** Options for {@link IdCardReaderSim}. */
export interface IdCardReaderSimOptions {
  /**
   * When true (the default), find-card keeps succeeding while the card stays on the reader. When false it behaves
   * like readers that halt a card after a read: find fails (0x80) until the card is removed and placed again.
   */
  findWhilePresentAfterRead?: boolean;
  /** 4-byte IIN returned by find-card; default `00 00 00 00` as in the published reply. */
  iin?: Uint8Array;
  /** 16 bytes returned by the SAM ID command. */
  samIdData?: Uint8Array;
}

/**
 * Answers find (9F/80), select (90/81), read (30 01, 30 10, 30 03), status, reset, SAM ID and 61 FF.
 * Controls: placeCard, removeCard, sendGarbage, corruptNext, setSilent.
 */
export class IdCardReaderSim {
  private readonly parser = new SamFrameParser();
  private card: SimCard | null = null;
  private selected = false;
  private halted = false;
  private corrupt = 0;
  private silent = false;
  private readonly off: (() => void)[] = [];
  private readonly options: Required<IdCardReaderSimOptions>;
  /** Every request received, in order. */
  readonly requests: SamRequest[] = [];
  /** Request frames whose checksum was wrong (answered with SW3 0x10). */
  badRequests = 0;

  constructor(
    private readonly transport: ByteTransport,
    options: IdCardReaderSimOptions = {},
  ) {
    this.options = {
      findWhilePresentAfterRead: options.findWhilePresentAfterRead ?? true,
      iin: options.iin ?? new Uint8Array(4),
      samIdData:
        options.samIdData ??
        Uint8Array.from([5, 0, 2, 0, 0x2a, 0, 0, 0, 0x15, 0xcd, 0x5b, 0x07, 0xb1, 0x68, 0xde, 0x3a]),
    };
    this.off.push(transport.onData((chunk) => this.onData(chunk)));
  }

  /** Puts a card on the reader. */
  placeCard(card: IdCard | SimCard, photoWlt: Uint8Array = fakePhotoWlt()): void {
    this.card = 'text' in card ? card : { text: encodeCardText(card), photoWlt };
    this.selected = false;
    this.halted = false;
  }

  removeCard(): void {
    this.card = null;
    this.selected = false;
    this.halted = false;
  }

  /** Sends bytes that are no frame (default: line noise that contains a false preamble start). */
  async sendGarbage(
    bytes: Uint8Array = Uint8Array.from([0x00, 0xff, 0xaa, 0xaa, 0x13, 0x96, 0x69, 0xaa, 0x55]),
  ): Promise<void> {
    await this.transport.write(bytes);
  }

  /** The next `count` replies go out with a wrong checksum. */
  corruptNext(count = 1): void {
    this.corrupt += count;
  }

  /** A silent reader receives but never answers (wrong baud rate, dead module). */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  detach(): void {
    this.off.splice(0).forEach((off) => off());
  }

  private onData(chunk: Buffer): void {
    for (const ev of this.parser.push(chunk)) {
      if (ev.type === 'corrupt') {
        this.badRequests++;
        void this.reply(encodeResponse(SW3.CHECKSUM_ERROR));
        continue;
      }
      const req = decodeRequest(ev.frame);
      this.requests.push(req);
      void this.reply(this.answer(req));
    }
  }

  private answer(req: SamRequest): Uint8Array {
    const key = (req.cmd << 8) | req.para;
    switch (key) {
      case 0x10ff: // reset
      case 0x11ff: // status
      case 0x61ff: // set max RF byte
        return encodeResponse(SW3.OK);
      case 0x12ff:
        return encodeResponse(SW3.OK, this.options.samIdData);
      case 0x2001: {
        const found = this.card !== null && !this.halted;
        return found ? encodeResponse(SW3.FIND_OK, this.options.iin) : encodeResponse(SW3.FIND_FAILED);
      }
      case 0x2002:
        if (this.card === null || this.halted) return encodeResponse(SW3.SELECT_FAILED);
        this.selected = true;
        return encodeResponse(SW3.OK, new Uint8Array(8));
      case 0x3001:
      case 0x3010: {
        if (this.card === null || !this.selected) return encodeResponse(SW3.READ_FAILED);
        const withFp = req.para === 0x10;
        const data = encodeBaseInfo({
          text: this.card.text,
          photoWlt: this.card.photoWlt,
          fingerprint: withFp ? new Uint8Array(0) : null,
        });
        this.selected = false;
        if (!this.options.findWhilePresentAfterRead) this.halted = true;
        return encodeResponse(SW3.OK, data);
      }
      case 0x3003:
        return encodeResponse(this.card ? SW3.NO_CONTENT : SW3.READ_FAILED);
      default:
        return encodeResponse(SW3.COMMAND_ERROR);
    }
  }

  private async reply(frame: Uint8Array): Promise<void> {
    if (this.silent || !this.transport.isOpen()) return;
    let out = frame;
    if (this.corrupt > 0) {
      this.corrupt--;
      out = Uint8Array.from(frame);
      out[out.length - 1]! ^= 0x5a;
    }
    try {
      await this.transport.write(out);
    } catch {
      // The host went away; nothing to answer.
    }
  }
}
