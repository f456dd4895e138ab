// Child process for the lock tests: opens the archive given in argv[2], says "held", then waits to be killed.
import { openArchive } from '../../../main/core/archive/archive.js';

const archive = openArchive(process.argv[2]!);
process.stdout.write('held\n');
setInterval(() => {
  if (archive.readonly) process.exit(3);
}, 1000);
