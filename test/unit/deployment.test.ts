import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '../../src/config/schema.js';
import { buildProgram } from '../../src/cli/program.js';

interface ComposeFile {
  services: Record<string, { command?: string[]; profiles?: string[] }>;
}

const program = buildProgram(async () => undefined);

/** Walks `args` down the command tree; returns the problems (unknown command or option). */
function problemsWith(args: string[]): string[] {
  let command: Command = program;
  let rest = [...args];
  while (rest.length > 0 && !rest[0]!.startsWith('-')) {
    const next = command.commands.find((c) => c.name() === rest[0]);
    if (!next) {
      if (command.registeredArguments.length > 0) break;
      return [`unknown command "${rest[0]}" after "${command.name()}"`];
    }
    command = next;
    rest = rest.slice(1);
  }
  if (command.commands.length > 0) return [`"${command.name()}" needs a subcommand`];
  const problems: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const word = rest[i]!;
    if (!word.startsWith('-')) continue;
    const option = command.options.find((o) => o.long === word || o.short === word);
    if (!option) problems.push(`unknown option ${word} for "${command.name()}"`);
    else if (option.required || option.optional) i += 1;
  }
  return problems;
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as ComposeFile;

  it('when a service runs dealrisk, then its command is a real CLI command with real options', () => {
    const dealriskServices = Object.entries(compose.services).filter(([name]) => name !== 'redis');
    expect(dealriskServices.map(([name]) => name)).toEqual(expect.arrayContaining(['worker', 'dashboard', 'org']));
    for (const [name, service] of dealriskServices) {
      expect(service.command, name).toBeDefined();
      expect(problemsWith(service.command!), name).toEqual([]);
    }
  });

  it('when the checker sees a made-up command or option, then it reports it', () => {
    expect(problemsWith(['wrker'])).toHaveLength(1);
    expect(problemsWith(['org'])).toHaveLength(1);
    expect(problemsWith(['sync', '--nope'])).toHaveLength(1);
  });

  it('when the demo profile is off, then the local org does not start', () => {
    expect(compose.services.org?.profiles).toEqual(['demo']);
  });
});

describe('.env.example and the README configuration table', () => {
  const keys = Object.keys(envSchema.shape).sort();
  const example = readFileSync('.env.example', 'utf8');
  const readme = readFileSync('README.md', 'utf8');
  const configuration = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));

  it('when the config schema has settings, then .env.example sets exactly those, each once', () => {
    expect(keys.length).toBeGreaterThan(10);
    const set = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);
    expect([...set].sort()).toEqual(keys);
    expect(new Set(set).size).toBe(set.length);
  });

  it('when the config schema has settings, then the README configuration table has exactly those rows', () => {
    const rows = [...configuration.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]!);
    expect(rows.sort()).toEqual(keys);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const workspaces = (JSON.parse(readFileSync('package.json', 'utf8')) as { workspaces: string[] }).workspaces;

  it('when the image is built, then every workspace package is installed from its manifest and shipped with its build output', () => {
    expect(workspaces.length).toBeGreaterThan(0);
    for (const dir of workspaces) {
      // Twice: once to install in the build stage, once for the production dependencies.
      expect(dockerfile.split(`COPY ${dir}/package.json ./${dir}/`).length - 1, dir).toBe(2);
      expect(dockerfile, dir).toContain(`COPY --from=build /app/${dir}/dist ./${dir}/dist`);
    }
  });
});
