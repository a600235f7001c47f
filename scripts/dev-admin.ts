/**
 * The development admin of `npm run dev`: credentials kept in a git-ignored Postman environment
 * (postman/easel.local.postman_environment.json), so that importing the collection and that
 * environment into Postman gives a green run with nothing else done. The API makes sure the admin
 * exists at start (DEV_ADMIN_*, refused outside development); the password is printed here, once
 * per start, and never logged by the API.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';

const ROOT = new URL('../', import.meta.url);
const SHARED_ENVIRONMENT = new URL('postman/easel.postman_environment.json', ROOT);
export const LOCAL_ENVIRONMENT = new URL('postman/easel.local.postman_environment.json', ROOT).pathname;

const DEV_ADMIN_EMAIL = 'dev-admin@example.com';

interface PostmanEnvironment {
  id: string;
  name: string;
  values: Array<{ key: string; value: string; type: string; enabled: boolean }>;
}

/**
 * The variables the API process needs for the development admin (and a Standard Webhooks secret
 * when none is configured), after writing them to the local Postman environment. Nothing outside
 * NODE_ENV=development.
 */
export async function prepareDevAdmin(
  env: NodeJS.ProcessEnv,
  file = env.EASEL_DEV_POSTMAN_ENV ?? LOCAL_ENVIRONMENT,
): Promise<Record<string, string>> {
  if ((env.NODE_ENV ?? 'development') !== 'development') return {};
  const dotEnv = existsSync(new URL('.env', ROOT)) ? parseEnv(readFileSync(new URL('.env', ROOT), 'utf8')) : {};
  const setting = (name: string) => env[name] || dotEnv[name] || undefined;
  const previous = await readEnvironment(file);
  const email = setting('DEV_ADMIN_EMAIL') ?? DEV_ADMIN_EMAIL;
  const password =
    setting('DEV_ADMIN_PASSWORD') ?? previous.get('adminPassword') ?? randomBytes(18).toString('base64url');
  const configuredStandard = setting('WEBHOOK_STANDARD_SECRETS')?.split(',')[0]?.trim();
  const standardSecret =
    configuredStandard ?? previous.get('webhookStandardSecret') ?? `whsec_${randomBytes(32).toString('base64')}`;
  const port = setting('PORT') ?? '3000';
  const variables = {
    baseUrl: `http://127.0.0.1:${port === '0' ? '3000' : port}`,
    adminEmail: email,
    adminPassword: password,
    webhookStandardSecret: standardSecret,
  };
  await writeEnvironment(file, variables);
  // To the terminal, on purpose (the file holds them too); the API logs only the email.
  console.log(`Development admin: ${email} / ${password} (Postman environment: ${file})`);
  return {
    DEV_ADMIN_EMAIL: email,
    DEV_ADMIN_PASSWORD: password,
    ...(configuredStandard ? {} : { WEBHOOK_STANDARD_SECRETS: standardSecret }),
  };
}

async function readEnvironment(file: string): Promise<Map<string, string>> {
  try {
    const environment = JSON.parse(await readFile(file, 'utf8')) as PostmanEnvironment;
    return new Map(environment.values.filter((v) => v.value).map((v) => [v.key, v.value]));
  } catch {
    return new Map();
  }
}

/** The shared environment with this machine's values filled in. */
async function writeEnvironment(file: string, variables: Record<string, string>): Promise<void> {
  const shared = JSON.parse(await readFile(SHARED_ENVIRONMENT, 'utf8')) as PostmanEnvironment;
  const values = shared.values.map((v) => (v.key in variables ? { ...v, value: variables[v.key] ?? '' } : v));
  for (const [key, value] of Object.entries(variables)) {
    if (!values.some((v) => v.key === key)) values.push({ key, value, type: 'secret', enabled: true });
  }
  const local = { ...shared, id: 'b1e0c7a2-5d4f-4c3b-9a8e-7f6d5c4b3a21', name: 'Easel (npm run dev)', values };
  await writeFile(file, `${JSON.stringify(local, null, 2)}\n`, { mode: 0o600 });
}
