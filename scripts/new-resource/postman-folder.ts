/** The Postman folder of a generated resource: a user of its own, then create, list, read, change, delete. */
import type { ResourceNames } from './names.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

function request(
  name: string,
  method: Method,
  path: string[],
  tests: string[],
  options: { body?: object; description: string },
) {
  const raw = `{{baseUrl}}/${path.join('/')}`;
  return {
    name,
    event: [{ listen: 'test', script: { type: 'text/javascript', exec: tests } }],
    request: {
      method,
      header: options.body ? [{ key: 'Content-Type', value: 'application/json' }] : [],
      ...(options.body ? { body: { mode: 'raw', raw: JSON.stringify(options.body, null, 2) } } : {}),
      url: { raw, host: ['{{baseUrl}}'], path },
      description: options.description,
    },
    response: [],
  };
}

const status = (code: number) => [
  `pm.test('status ${code}', function () {`,
  `  pm.response.to.have.status(${code});`,
  '});',
];

export function postmanFolder(n: ResourceNames) {
  const idVar = `${n.camel}Id`;
  const base = ['api', n.kebabPlural];
  const one = [...base, `{{${idVar}}}`];
  const keys = "['createdAt', 'id', 'notes', 'title', 'updatedAt']";
  const register = {
    name: 'Register a user for this folder',
    event: [
      {
        listen: 'prerequest',
        script: {
          type: 'text/javascript',
          exec: [
            '// A new user per run (and per folder), so the folder runs on its own and again and again.',
            'const stamp = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);',
            `pm.collectionVariables.set('workEmail', 'postman-${n.kebabPlural}-' + stamp + '@example.com');`,
          ],
        },
      },
      {
        listen: 'test',
        script: {
          type: 'text/javascript',
          exec: [
            ...status(201),
            "pm.test('answers a session; the folder sends its access token', function () {",
            '  const session = pm.response.json();',
            "  pm.expect(session.tokenType).to.equal('Bearer');",
            "  pm.collectionVariables.set('workAccessToken', session.accessToken);",
            '});',
          ],
        },
      },
    ],
    request: {
      method: 'POST',
      header: [{ key: 'Content-Type', value: 'application/json' }],
      auth: { type: 'noauth' },
      body: { mode: 'raw', raw: '{\n  "email": "{{workEmail}}",\n  "password": "{{workPassword}}"\n}' },
      url: { raw: '{{baseUrl}}/api/auth/register', host: ['{{baseUrl}}'], path: ['api', 'auth', 'register'] },
      description: 'Setup: registers a user with a unique email and keeps its access token in `workAccessToken`.',
    },
    response: [],
  };
  return {
    name: n.pascalPlural.replace(/([a-z0-9])([A-Z])/g, '$1 $2'),
    description: `The caller's ${n.wordsPlural} (docs/${n.kebabPlural}.md), made by npm run new:resource. The first request registers a user of its own.`,
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{workAccessToken}}', type: 'string' }] },
    item: [
      register,
      request(
        `Create a ${n.words}`,
        'POST',
        base,
        [
          ...status(201),
          `pm.test('is the new ${n.words}, with Location', function () {`,
          '  const created = pm.response.json();',
          `  pm.expect(Object.keys(created).sort()).to.eql(${keys});`,
          "  pm.expect(created).to.include({ title: 'From Postman', notes: 'first' });",
          `  pm.expect(pm.response.headers.get('Location')).to.equal('/api/${n.kebabPlural}/' + created.id);`,
          `  pm.collectionVariables.set('${idVar}', created.id);`,
          '});',
        ],
        {
          body: { title: 'From Postman', notes: 'first' },
          description: 'Bearer. `{ title, notes? }`. 201 with the new one and `Location`; 422 with field paths.',
        },
      ),
      request(
        `List my ${n.wordsPlural}`,
        'GET',
        base,
        [
          ...status(200),
          "pm.test('is a page { items, nextCursor } holding the new one', function () {",
          '  const page = pm.response.json();',
          "  pm.expect(Object.keys(page).sort()).to.eql(['items', 'nextCursor']);",
          `  pm.expect(page.items[0].id).to.equal(pm.collectionVariables.get('${idVar}'));`,
          '});',
        ],
        {
          description:
            'Bearer. `?limit=1..100` (default 20) and `?cursor=`. 200 `{ items, nextCursor }`, most recently updated first.',
        },
      ),
      request(
        `Get the ${n.words}`,
        'GET',
        one,
        [
          ...status(200),
          `pm.test('is the ${n.words}', function () {`,
          '  const item = pm.response.json();',
          `  pm.expect(Object.keys(item).sort()).to.eql(${keys});`,
          `  pm.expect(item.id).to.equal(pm.collectionVariables.get('${idVar}'));`,
          '});',
        ],
        { description: 'Bearer. 200; 404 `not_found` for a missing id and for another user’s.' },
      ),
      request(
        `Change the ${n.words}`,
        'PATCH',
        one,
        [
          ...status(200),
          "pm.test('keeps the title and changes the notes', function () {",
          "  pm.expect(pm.response.json()).to.include({ title: 'From Postman', notes: 'changed' });",
          '});',
        ],
        { body: { notes: 'changed' }, description: 'Bearer. `{ title?, notes? }`, at least one. 200; 404; 422.' },
      ),
      request(`Delete the ${n.words}`, 'DELETE', one, status(204), {
        description: 'Bearer. 204; 404 when it is not there.',
      }),
      request(
        `Get the deleted ${n.words}`,
        'GET',
        one,
        [
          ...status(404),
          "pm.test('is a problem with code not_found', function () {",
          "  pm.expect(pm.response.headers.get('Content-Type')).to.include('application/problem+json');",
          "  pm.expect(pm.response.json().code).to.equal('not_found');",
          '});',
        ],
        { description: 'Bearer. 404 `not_found` once deleted.' },
      ),
    ],
  };
}
