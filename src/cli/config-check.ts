import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { loadConfig, maskSecrets } from '../config.ts';
import { CliError } from './errors.ts';

/** `briefwire config check [--config FILE]`: validates, then prints the effective configuration, secrets masked. */
export async function runConfigCheck(args: string[], out: NodeJS.WritableStream): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'check') throw new CliError('usage: briefwire config check [--config FILE]', 2);
  const { values } = parseArgs({ args: rest, options: { config: { type: 'string' } } });
  const config = loadConfig({ file: values.config });
  out.write(`# configuration is valid\n${stringify(maskSecrets(config))}`);
}
