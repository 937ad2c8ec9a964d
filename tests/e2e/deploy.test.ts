import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort, waitFor } from '../fixtures/ports.ts';

// The container image cannot be built here (no image builder or registry), so the test lays the
// image's /app out as the Dockerfile does and runs the image's own CMD, ENV and HEALTHCHECK there,
// as an unprivileged user with only the data volume writable. The systemd unit is checked by
// `systemd-analyze verify` and its ExecStart and Environment are run the same way.

/** `ENV`, `CMD` and `HEALTHCHECK` of the Dockerfile's final stage. */
function readDockerfile() {
  const text = readFileSync('Dockerfile', 'utf8').replace(/\\\n\s*/g, ' ');
  const final = text.slice(text.lastIndexOf('\nFROM '));
  const env: Record<string, string> = {};
  for (const line of final.split('\n').filter((l) => l.startsWith('ENV '))) {
    for (const [, k, v] of line.slice(4).matchAll(/(\w+)=(\S+)/g)) env[k as string] = v as string;
  }
  const json = (re: RegExp) => JSON.parse(re.exec(final)?.[1] ?? 'null') as string[];
  return {
    env,
    cmd: json(/^CMD (\[.*\])$/m),
    health: json(/^HEALTHCHECK .*?CMD (\[.*\])$/m),
    copies: [...final.matchAll(/^COPY --from=build \/app\/(\S+)/gm)].map((m) => m[1] as string),
    user: /^USER (\S+)$/m.exec(final)?.[1],
  };
}

/** The unit's `Environment=` and `ExecStart=`. */
function readUnit() {
  const text = readFileSync('yzready.service', 'utf8');
  const env: Record<string, string> = {};
  for (const [, k, v] of (/^Environment=(.*)$/m.exec(text)?.[1] ?? '').matchAll(/(\w+)=(\S+)/g)) env[k as string] = v as string;
  return { text, env, exec: (/^ExecStart=(.*)$/m.exec(text)?.[1] ?? '').split(' ') };
}

const NOBODY = 65534;

describe('the container and the systemd unit', () => {
  let app: string;
  let data: string;
  let proc: ChildProcess | undefined;
  const docker = readDockerfile();

  beforeAll(() => {
    // World-readable, like an image's files; the data folder belongs to the unprivileged user alone.
    app = mkdtempSync(join(tmpdir(), 'yzready-app-'));
    chmodSync(app, 0o755);
    for (const path of docker.copies) {
      // Hard links: the same files without copying 700 MB; a copy where links cannot cross devices.
      if (spawnSync('cp', ['-al', path, join(app, path)]).status !== 0) spawnSync('cp', ['-a', path, join(app, path)]);
    }
    mkdirSync(join(app, 'bin'));
    copyFileSync(process.execPath, join(app, 'bin', 'node'));
    chmodSync(join(app, 'bin', 'node'), 0o755);
    data = mkdtempSync(join(tmpdir(), 'yzready-volume-'));
    chownSync(data, NOBODY, NOBODY);
  });
  afterAll(() => {
    proc?.kill('SIGKILL');
    rmSync(app, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  /** Runs `argv` in /app as the unprivileged user, with `env` and the test's own port and folders. */
  async function run(argv: string[], env: Record<string, string>) {
    const port = await freePort();
    const [bin, ...args] = argv.map((a) => (a === 'node' || a.endsWith('/node_modules/node/bin/node') ? join(app, 'bin', 'node') : a));
    const local = {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: data,
      DIST_DIR: join(app, 'dist'),
      CONTENT_DIR: join(app, 'content'),
    };
    proc = spawn(bin as string, args, {
      cwd: app,
      env: { PATH: process.env['PATH'] ?? '', ...local },
      uid: NOBODY,
      gid: NOBODY,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).ok, 30_000, `server as the container runs it: ${out}`);
    return { port, local, output: () => out };
  }

  test('the image runs as a non-root user, serves site and API, passes its health check and stops cleanly on SIGTERM', async () => {
    expect(docker.user).toBe('node');
    expect(docker.copies).toEqual(expect.arrayContaining(['node_modules', 'api', 'content', 'dist']));
    const { port, local, output } = await run(docker.cmd, docker.env);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('扬州应急');
    // Logs are JSON lines an operator's collector can read: one per request, with the id the client saw.
    const asked = await fetch(`http://127.0.0.1:${port}/api/warnings`);
    const id = asked.headers.get('x-request-id');
    expect(id).toBeTruthy();
    await waitFor(async () => output().includes(String(id)), 5000, 'the request log line');
    const lines = output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const line = lines.find((l) => l['id'] === id);
    expect(line).toMatchObject({ level: 'info', msg: 'request', method: 'GET', route: '/api/warnings', status: 200 });
    expect(typeof line?.['client']).toBe('string');
    // The server's own events are JSON lines too, not text beside them.
    expect(lines.find((l) => String(l['msg']).includes('已启动'))).toMatchObject({ level: 'info', address: expect.any(String) });
    expect(
      output()
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('{')),
    ).toEqual([]);
    // The client's address is never written, only its salted hash.
    expect(lines.filter((l) => l['msg'] === 'request').some((l) => JSON.stringify(l).includes('127.0.0.1'))).toBe(false);
    // The HEALTHCHECK, exactly as the image states it.
    const health = () => spawnSync(join(app, 'bin', 'node'), docker.health.slice(1), { env: local, encoding: 'utf8' }).status;
    expect(health()).toBe(0);
    // Everything the server wrote is in the volume: the secret and the database.
    expect(spawnSync('ls', [data], { encoding: 'utf8' }).stdout.split('\n')).toEqual(expect.arrayContaining(['app.db', 'secret']));
    const exited = new Promise<number | null>((r) => proc?.once('exit', (code) => r(code)));
    proc?.kill('SIGTERM');
    expect(await exited, output()).toBe(0);
    proc = undefined;
    expect(health()).toBe(1);
  });

  test('the systemd unit verifies and its ExecStart serves with its Environment', async () => {
    const unit = readUnit();
    // Point the unit at the test's /srv/yzready stand-in and let systemd check the rest of it.
    const local = join(app, 'yzready.service');
    writeFileSync(local, unit.text.replaceAll('/srv/yzready', app));
    const verify = spawnSync('systemd-analyze', ['verify', local], { encoding: 'utf8' });
    expect(verify.status, verify.stderr).toBe(0);
    // Warnings about the unit itself (unknown keys, bad values) would name the file.
    expect(verify.stderr.split('\n').filter((l) => l.includes('yzready.service') && !l.includes('User'))).toEqual([]);
    const { port } = await run(unit.exec, unit.env);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    const exited = new Promise<number | null>((r) => proc?.once('exit', (code) => r(code)));
    proc?.kill('SIGTERM');
    expect(await exited).toBe(0);
    proc = undefined;
  });
});
