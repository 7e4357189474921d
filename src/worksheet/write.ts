// Writing a worksheet's files whole or not at all: everything is produced in memory first, then
// written into a fresh temporary directory beside the output directory and moved into place file
// by file with rename (atomic on one file system). A failure before the renames leaves nothing.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export async function writeAll(outDir: string, files: ReadonlyMap<string, string | Buffer>): Promise<string[]> {
  const out = resolve(outDir);
  await mkdir(dirname(out), { recursive: true });
  await mkdir(out, { recursive: true });
  const tmp = await mkdtemp(join(out, '.chainrule-'));
  try {
    for (const [name, data] of files) await writeFile(join(tmp, name), data);
    const written: string[] = [];
    for (const name of files.keys()) {
      await rename(join(tmp, name), join(out, name));
      written.push(join(out, name));
    }
    return written;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
