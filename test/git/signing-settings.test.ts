/**
 * Signing programs (issue 11, item 5). `git commit` with `commit.gpgsign` runs `gpg.program` (or
 * `gpg.ssh.program`, `gpg.x509.program`, `gpg.openpgp.program`, `gpg.ssh.defaultKeyCommand`):
 * set in a checkout's own config by whoever prepared it, that is a program the workbench would
 * run, so the checkout is refused like one with a filter. Set in the analyst's global config it
 * is theirs, and signing keeps working.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { RepositoryService } from '../../electron/git/repository-service';
import { git, tempDir } from '../helpers/fixtures';
import { refusal } from '../helpers/refusal';
import { T0155_007, appendNotes, cloneForFile, payloadMarker, resetToOrigin } from './helpers';

const clone = cloneForFile();
const marker = payloadMarker();
const scratch = tempDir('disarm-signing-');
const repo = new RepositoryService();
afterAll(() => {
  marker.dispose();
  scratch.dispose();
});

/** A "signing program" that leaves the marker and fails. */
const evil = join(scratch.path, 'evil.sh');
writeFileSync(evil, `#!/bin/sh\ntouch '${marker.path}'\nexit 1\n`);
chmodSync(evil, 0o755);

beforeEach(() => {
  resetToOrigin(clone.path);
  for (const key of ['commit.gpgsign', 'gpg.format', 'gpg.program', 'gpg.ssh.program', 'gpg.x509.program', 'gpg.openpgp.program', 'gpg.ssh.defaultKeyCommand', 'include.path', 'extensions.worktreeConfig']) {
    try {
      git(clone.path, 'config', '--local', '--unset-all', key);
    } catch {
      // not set
    }
  }
  expect(marker.ran()).toBe(false);
});

/** Stages a note, so that a commit has something to commit. */
async function stageNote(): Promise<string> {
  appendNotes(clone.path, T0155_007, '\nsigned note');
  await repo.stage(clone.path, [T0155_007]);
  return git(clone.path, 'rev-parse', 'HEAD').trim();
}

describe("a signing program in the checkout's own config", () => {
  for (const [key, extra] of [
    ['gpg.program', []],
    ['gpg.openpgp.program', []],
    ['gpg.ssh.program', [['gpg.format', 'ssh'], ['user.signingKey', 'key::ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE8Y']]],
    ['gpg.x509.program', [['gpg.format', 'x509']]],
    ['gpg.ssh.defaultKeyCommand', [['gpg.format', 'ssh']]],
  ] as const) {
    it(`refuses ${key}: open names it and how to remove it, commit runs nothing`, async () => {
      const head = await stageNote();
      git(clone.path, 'config', 'commit.gpgsign', 'true');
      for (const [name, value] of extra) git(clone.path, 'config', name, value);
      git(clone.path, 'config', key, evil);

      const opened = await refusal(repo.open(clone.path));
      expect(opened.code).toBe('forbidden');
      expect(opened.message).toContain(key.toLowerCase());
      expect(opened.message).toContain(`in .git/config`);
      expect(opened.message).toContain(`\`git config --local --unset-all ${key.toLowerCase()}\``);
      const committed = await refusal(repo.commit(clone.path, 'signed note'));
      expect(committed.message).toContain(key.toLowerCase());
      expect(git(clone.path, 'rev-parse', 'HEAD').trim()).toBe(head);
      expect(git(clone.path, 'diff', '--cached', '--name-only').trim()).toBe(T0155_007);
      expect(marker.ran()).toBe(false);
    });
  }

  it('refuses it from a file the config includes, and from config.worktree', async () => {
    const included = join(scratch.path, 'signing.inc');
    writeFileSync(included, `[gpg]\n\tprogram = ${evil}\n[commit]\n\tgpgsign = true\n`);
    git(clone.path, 'config', 'include.path', included);
    // `--local --unset-all` would not reach it: the message names the included file.
    expect((await refusal(repo.open(clone.path))).message).toContain(`\`git config --file ${included} --unset-all gpg.program\``);
    git(clone.path, 'config', '--unset-all', 'include.path');

    await stageNote();
    git(clone.path, 'config', 'extensions.worktreeConfig', 'true');
    git(clone.path, 'config', 'commit.gpgsign', 'true');
    git(clone.path, 'config', '--worktree', 'gpg.program', evil);
    try {
      expect((await refusal(repo.open(clone.path))).message).toContain('`git config --worktree --unset-all gpg.program`');
      expect((await refusal(repo.commit(clone.path, 'signed note'))).message).toContain('gpg.program');
    } finally {
      git(clone.path, 'config', '--worktree', '--unset-all', 'gpg.program');
    }
    expect(marker.ran()).toBe(false);
  });
});

describe("signing set up in the analyst's global config", () => {
  it('is not refused, and the commit is signed by the global gpg.program', async () => {
    // A stand-in for gpg: records that it ran and answers as `gpg --status-fd=2 -bsau <key>` does.
    const record = join(scratch.path, 'signer-ran');
    const signer = join(scratch.path, 'fake-gpg.sh');
    writeFileSync(
      signer,
      `#!/bin/sh\necho "$@" >> '${record}'\ncat > /dev/null\nprintf '\\n[GNUPG:] SIG_CREATED D 1 8 00 0 0\\n' >&2\nprintf -- '-----BEGIN PGP SIGNATURE-----\\n\\nZmFrZQ==\\n-----END PGP SIGNATURE-----\\n'\n`,
    );
    chmodSync(signer, 0o755);
    const globalConfig = join(scratch.path, 'global.gitconfig');
    writeFileSync(globalConfig, `[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = ${signer}\n`);
    const analyst = new RepositoryService({ baseEnv: { ...process.env, GIT_CONFIG_GLOBAL: globalConfig } });

    expect((await analyst.open(clone.path)).warnings).toEqual([]);
    appendNotes(clone.path, T0155_007, '\nsigned note');
    await analyst.stage(clone.path, [T0155_007]);
    const { commit } = await analyst.commit(clone.path, 'signed note');
    expect(readFileSync(record, 'utf8')).toContain('-bsau');
    expect(git(clone.path, 'cat-file', 'commit', commit)).toContain('gpgsig -----BEGIN PGP SIGNATURE-----');
  });
});
