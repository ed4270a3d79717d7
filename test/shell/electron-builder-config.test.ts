// electron-builder.yml checked the way `electron-builder` itself checks it before packaging (its
// own loader and JSON schema, from app-builder-lib), since packaging proper needs Electron's
// binary from the internet. Where the binary is installed, `electron-builder --dir` runs for real.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findElectron } from '../helpers/electron-binary';
import { PROJECT_ROOT, tempDir } from '../helpers/fixtures';

const require = createRequire(import.meta.url);

/** app-builder-lib's config module, typed as far as this test uses it. */
const isFunction = (value: unknown) => typeof value === 'function';
const ConfigModule = z.object({
  getConfig: z.custom<(projectDir: string, configPath: string | null, configFromOptions: Record<string, unknown> | null) => Promise<unknown>>(isFunction),
  validateConfiguration: z.custom<(config: unknown, debugLogger: object) => Promise<void>>(isFunction),
});
const configModule = ConfigModule.parse(require('app-builder-lib/out/util/config/config.js'));
const DebugLoggerModule = z.object({ DebugLogger: z.custom<new (enabled: boolean) => object>(isFunction) });
const { DebugLogger } = DebugLoggerModule.parse(require('builder-util'));

async function loadConfig(overrides: Record<string, unknown> | null = null): Promise<unknown> {
  return configModule.getConfig(PROJECT_ROOT, null, overrides);
}
async function validate(config: unknown): Promise<void> {
  await configModule.validateConfiguration(config, new DebugLogger(false));
}

const Config = z.object({
  appId: z.string(),
  productName: z.string(),
  asar: z.literal(true),
  // The loader normalises `files` into file sets.
  files: z.array(z.object({ filter: z.array(z.string()) })),
  directories: z.object({ buildResources: z.string() }),
  electronFuses: z.record(z.string(), z.boolean()),
  linux: z.object({ target: z.array(z.string()), icon: z.string(), executableName: z.string() }),
  mac: z.object({ target: z.string(), icon: z.string() }),
  win: z.object({ target: z.string(), icon: z.string() }),
});

describe('electron-builder.yml', () => {
  it('passes electron-builder own configuration check', async () => {
    const config = await loadConfig();
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is really checked: a misspelt option is refused by the same check', async () => {
    const config = await loadConfig({ linux: { targt: ['deb'] } });
    await expect(validate(config)).rejects.toThrow(/configuration\.linux/);
    const wrongType = await loadConfig({ asar: 'yes please' });
    await expect(validate(wrongType)).rejects.toThrow(/asar/);
  });

  it('packages AppImage and deb, dmg, nsis, in an asar, with the fuses flipped', async () => {
    const config = Config.parse(await loadConfig());
    expect(config.appId).toBe('org.disarmfoundation.workbench');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.executableName).toBe('disarm-workbench');
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    // What the app loads is in the package: package.json's main, the preload, the renderer.
    const main = z.object({ main: z.string() }).parse(JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'))).main;
    expect(main).toBe('dist/electron/main.js');
    expect(config.files.flatMap((set) => set.filter)).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json']));
  });

  it('uses our 512×512 icon from resources/', async () => {
    const config = Config.parse(await loadConfig());
    for (const icon of new Set([config.linux.icon, config.mac.icon, config.win.icon])) {
      const png = readFileSync(join(PROJECT_ROOT, icon));
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    }
    expect(config.directories.buildResources).toBe('resources');
  });

  it('has the package script', () => {
    const scripts = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'))).scripts;
    expect(scripts.package).toMatch(/npm run build && electron-builder/);
  });

  // Where the binary is missing, the title says why (npm test lists skipped tests by title).
  const binary = findElectron();
  it.skipIf(binary.path === undefined)(`packs an unpacked app with electron-builder --dir${binary.path === undefined ? ` (skipped: ${binary.reason})` : ''}`, () => {
    const out = tempDir('disarm-package-');
    try {
      const result = spawnSync('npx', ['electron-builder', '--dir', `-c.electronDist=${join(PROJECT_ROOT, 'node_modules', 'electron', 'dist')}`, `-c.directories.output=${out.path}`], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 300_000 });
      expect(result.status, result.stderr).toBe(0);
    } finally {
      out.dispose();
    }
  });
});
