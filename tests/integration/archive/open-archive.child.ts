// Child process for the page-size conversion test: opens (and so converts) the archive in argv[2],
// says "opened", and exits; the test kills it while the conversion's VACUUM is writing.
import { openArchive } from '../../../main/core/archive/archive.js';

openArchive(process.argv[2]!).close();
process.stdout.write('opened\n');
