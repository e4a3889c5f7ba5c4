#!/usr/bin/env node
import { processIo } from './cli/io.js';
import { main } from './cli/main.js';

// `perfgate log | head` closes the pipe early: the reader has what it wanted, which is no error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), processIo());
