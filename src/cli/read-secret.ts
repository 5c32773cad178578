import readline from 'node:readline';

/** Reads a line without echoing it when stdin is a terminal; reads it plainly when piped. */
export async function readSecret(prompt: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  const out = rl as unknown as { _writeToOutput?: (s: string) => void };
  if (process.stdin.isTTY) {
    process.stderr.write(prompt);
    out._writeToOutput = () => undefined;
  }
  const answer = await new Promise<string>((resolve) => rl.question(process.stdin.isTTY ? '' : prompt, resolve));
  rl.close();
  if (process.stdin.isTTY) process.stderr.write('\n');
  return answer;
}
