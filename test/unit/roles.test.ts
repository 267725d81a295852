import { describe, expect, it } from 'vitest';
import { Role } from '../../generated/prisma/enums.js';
import { roles } from '../../src/domain/roles.js';

describe('roles', () => {
  it('are the same in the domain and in the database schema', () => {
    expect([...roles].sort()).toEqual(Object.values(Role).sort());
  });
});
