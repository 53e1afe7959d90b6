import { describe, expect, it } from 'vitest';
import { hashPassword, newDataKey, PersonalDataVault, verifyPassword } from './secrets.js';

describe('secrets', () => {
  it('hashes passwords with scrypt and verifies them', async () => {
    const stored = await hashPassword('正确的密码-123');
    expect(stored.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('正确的密码-123', stored)).toBe(true);
    expect(await verifyPassword('wrong', stored)).toBe(false);
  });

  it('seals personal data with SM4 and finds it by keyed hash only', () => {
    const vault = new PersonalDataVault(newDataKey());
    const sealed = vault.seal({ idNumber: '11010519491231002X', name: '张三' });
    expect(sealed).not.toContain('11010519491231002X');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('110105');
    expect(vault.open(sealed)).toEqual({ idNumber: '11010519491231002X', name: '张三' });
    expect(vault.lookupKey('11010519491231002x')).toBe(vault.lookupKey('11010519491231002X'));
    expect(new PersonalDataVault(newDataKey()).lookupKey('11010519491231002X')).not.toBe(
      vault.lookupKey('11010519491231002X'),
    );
  });
});
