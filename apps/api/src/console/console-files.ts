import { Injectable, Logger } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';

export interface ConsoleFile {
  body: Buffer;
  /** the same body gzipped, for text files worth compressing */
  gzipped?: Buffer;
  contentType: string;
  /** hashed file names under assets/ never change; index.html must be checked every time */
  immutable: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The built console (dist/console, made by `npm run build:console`): every file is read once
 * into memory and served from there, so only files the build produced can ever be answered.
 */
@Injectable()
export class ConsoleFiles {
  private readonly logger = new Logger('console');
  private files: Map<string, ConsoleFile> | undefined;

  /** The console's files by URL path below /console/ (e.g. "index.html", "assets/x.js"). */
  get(relative: string): ConsoleFile | undefined {
    return this.load()?.get(relative);
  }

  /** False until the console has been built; then the files stay loaded for the process. */
  built(): boolean {
    return this.load() !== undefined;
  }

  private load(): Map<string, ConsoleFile> | undefined {
    if (this.files) return this.files;
    const dir = consoleDir();
    if (!dir) return undefined;
    const files = new Map<string, ConsoleFile>();
    for (const file of walk(dir)) {
      const relative = path.relative(dir, file).split(path.sep).join('/');
      const ext = path.extname(file);
      const body = fs.readFileSync(file);
      const contentType = CONTENT_TYPES[ext] ?? 'application/octet-stream';
      const compressible = /^(text\/|application\/(json|manifest)|image\/svg)/.test(contentType);
      files.set(relative, {
        body,
        gzipped: compressible && body.length > 1024 ? gzipSync(body, { level: 9 }) : undefined,
        contentType,
        immutable: relative.startsWith('assets/'),
      });
    }
    this.logger.log(`serving the console from ${dir} (${files.size} files)`);
    this.files = files;
    return files;
  }
}

/**
 * dist/console beside the project's package.json: the same walk up works from the sources
 * (apps/api/src/console, under ts-jest) and from the build (dist/apps/api/src/console).
 */
function consoleDir(): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 8; i += 1) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      const candidate = path.join(dir, 'dist', 'console');
      return fs.existsSync(path.join(candidate, 'index.html')) ? candidate : undefined;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}
