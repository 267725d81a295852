import { describe, expect, it } from 'vitest';
import { assertAcceptablePassword, hashPassword, passwordProblems, verifyNothing, verifyPassword } from '../../src/auth/passwords.js';
import { AppError } from '../../src/domain/app-error.js';
import { fastHashCost } from '../support/people.js';

const email = 'siân@neuadd.example';

describe('password policy', () => {
  it('accepts twelve characters or more that are not the email address', () => {
    expect(passwordProblems('twelve chars', { email })).toEqual([]);
    expect(passwordProblems('a much longer passphrase for the hall', { email })).toEqual([]);
  });

  it('refuses fewer than twelve characters, saying so in Welsh and English', () => {
    expect(passwordProblems('eleven char', { email })).toEqual([
      { cy: 'Rhaid i’r cyfrinair fod o leiaf 12 nod o hyd', en: 'The password must be at least 12 characters long' },
    ]);
  });

  it('counts characters as people do: a Welsh ŵ is one, however it was typed', () => {
    expect(passwordProblems('ŵ'.repeat(12), { email })).toEqual([]);
    // w + combining circumflex is two UTF-16 units (and two code points) but one letter.
    const decomposed = 'w\u0302'.repeat(11);
    expect(decomposed.length).toBe(22);
    expect(passwordProblems(decomposed, { email })).toHaveLength(1);
  });

  it('refuses the email address itself, whatever its case', () => {
    const problems = passwordProblems('SIÂN@Neuadd.example', { email });
    expect(problems.map((problem) => problem.en)).toEqual(['The password cannot be the same as your email address']);
    expect(problems[0]?.cy).toBe('Ni all y cyfrinair fod yr un peth â’ch cyfeiriad e-bost');
  });

  it('refuses absurd lengths', () => {
    expect(passwordProblems('x'.repeat(257), { email }).map((problem) => problem.en)).toEqual(['The password cannot be longer than 256 characters']);
  });

  it('reports every problem at once as 400 invalid input', () => {
    let thrown: unknown;
    try {
      assertAcceptablePassword('a@b.example', { email: 'a@b.example' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'invalid_input' });
    expect((thrown as AppError).detail.en).toBe('The password must be at least 12 characters long. The password cannot be the same as your email address');
    expect(() => assertAcceptablePassword('twelve chars', { email })).not.toThrow();
  });
});

describe('password hashing', () => {
  it('uses argon2id with 19 MiB and 2 passes by default', async () => {
    const hashed = await hashPassword('cyfrinair hir iawn');
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(await verifyPassword(hashed, 'cyfrinair hir iawn')).toBe(true);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password', fastHashCost)).not.toBe(await hashPassword('same password', fastHashCost));
  });

  it('verifies only the right password', async () => {
    const hashed = await hashPassword('correct horse battery', fastHashCost);
    expect(await verifyPassword(hashed, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hashed, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword(hashed, '')).toBe(false);
  });

  it('matches a password typed with precomposed or combining Welsh letters', async () => {
    const hashed = await hashPassword('tŷ bach twt ŵyn', fastHashCost);
    expect(await verifyPassword(hashed, 'ty\u0302 bach twt w\u0302yn')).toBe(true);
  });

  it('says false, not an exception, for something that is not a hash', async () => {
    expect(await verifyPassword('not a hash', 'anything at all')).toBe(false);
  });

  it('has a stand-in check for sign-ins with nothing to check, which never succeeds', async () => {
    expect(await verifyNothing('anything at all')).toBe(false);
  });
});
