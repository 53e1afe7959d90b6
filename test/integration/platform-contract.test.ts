import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectorOpenApi,
  renderConnectorOpenApi,
  toYaml,
} from '../../hall-server/src/adapters/platform/contract-docs.js';
import { createSigner, MemoryNonceStore } from '../../hall-server/src/adapters/platform/signing.js';
import { startPlatformSim, type PlatformSim } from '../../hall-server/src/platform-sim/server.js';
import { HMAC_KEYS } from '../helpers/platform';

const FILE = 'docs/platform-connector.openapi.yaml';

describe('docs/platform-connector.openapi.yaml', () => {
  it('is rendered from the contract’s schemas (UPDATE_DOCS=1 to regenerate)', () => {
    const rendered = renderConnectorOpenApi();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(FILE, rendered);
    expect(existsSync(FILE)).toBe(true);
    expect(readFileSync(FILE, 'utf8')).toBe(rendered);
    expect(rendered).toContain('openapi: "3.1.0"');
    expect(rendered).toContain('"/api/v1/halls/{hallCode}/case-stages":');
    expect(rendered).toContain('CaseStagePush:');
  });

  it('writes YAML that keeps every value exactly (strings quoted, keys quoted where needed)', () => {
    expect(toYaml({ a: 1, 'b/c': ['x', { d: null, e: [] }], f: {}, g: '多行\n"引号"', '200': true })).toBe(
      // (JavaScript puts integer-like keys first.)
      ['"200": true', 'a: 1', '"b/c":', '  - "x"', '  - d: null', '    e: []', 'f: {}', 'g: "多行\\n\\"引号\\""'].join(
        '\n',
      ),
    );
  });

  describe('the simulator serves every operation of the document', () => {
    let sim: PlatformSim;
    beforeAll(async () => {
      sim = await startPlatformSim({ keys: HMAC_KEYS });
    });
    afterAll(async () => sim?.close());

    it('each path and method answers (signed), none is missing', async () => {
      const signer = createSigner({
        keys: HMAC_KEYS,
        appId: 'hall-doc',
        now: () => Date.now(),
        maxSkewSeconds: 300,
        nonces: new MemoryNonceStore(),
      });
      const paths = connectorOpenApi().paths as Record<string, Record<string, unknown>>;
      expect(Object.keys(paths)).toHaveLength(8);
      for (const [template, ops] of Object.entries(paths)) {
        for (const method of Object.keys(ops)) {
          const path = template.replace('{hallCode}', 'hall-doc');
          const body = method === 'get' ? '' : JSON.stringify({});
          const res = await fetch(`${sim.url}${path}`, {
            method: method.toUpperCase(),
            headers: {
              ...signer.signRequest(method.toUpperCase(), path, body),
              'content-type': 'application/json',
              'idempotency-key': `doc:${path}`,
            },
            ...(body ? { body } : {}),
          });
          // An empty body is refused as not the contract's shape (400), a GET answers its feed: the operation exists.
          expect([200, 400], `${method.toUpperCase()} ${path}`).toContain(res.status);
          const text = await res.text();
          expect(text, `${method.toUpperCase()} ${path}`).not.toContain('no such');
        }
      }
    });
  });
});
