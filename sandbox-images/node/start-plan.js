// Runs while the Node template builds an image (in the step that installs the packages, which runs again only when
// package.json changes): writes /etc/jugendlab/start.sh, what `npm start` would run, so the container can start the
// app without npm (see jugendlab-start). It writes nothing when it cannot be sure to do exactly what npm does:
// then npm starts the app, as it always did.
'use strict';
const fs = require('fs');

const PLAN = '/etc/jugendlab/start.sh';
// One plain command, such as "node server.js" or "NODE_ENV=production node --max-old-space-size=200 app.js": no
// quotes, variables, pipes, redirections, "&&" or ";", which would need a shell and its rules.
const PLAIN = /^[A-Za-z0-9_.\/=:@%+,\- ]+$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

function plan() {
  let pkg;
  try {
    pkg = JSON.parse(fs.readFileSync('/app/package.json', 'utf8'));
  } catch {
    return null; // no package.json, or one npm cannot read either: npm says what is wrong
  }
  const scripts = (pkg && typeof pkg.scripts === 'object' && pkg.scripts) || {};
  if (scripts.prestart !== undefined || scripts.poststart !== undefined) return null; // npm runs these around start
  // Without a start script, npm runs "node server.js".
  const command = scripts.start === undefined ? 'node server.js' : scripts.start;
  if (typeof command !== 'string' || !PLAIN.test(command) || command.trim() === '') return null;
  const words = command.trim().split(/ +/);
  const program = words.findIndex((w) => !ASSIGNMENT.test(w));
  if (program < 0) return null;
  // `exec` cannot take VAR=value words before the program; env can.
  const exec = program > 0 ? `exec env ${words.join(' ')}` : `exec ${words.join(' ')}`;
  return [
    '# Written when this image was built, from package.json\'s "start" script: the app starts without npm in between.',
    '# npm adds the packages\' own commands (node_modules/.bin) to PATH and says which script runs; so does this.',
    'export PATH="/app/node_modules/.bin:$PATH" npm_lifecycle_event=start',
    exec,
    '',
  ].join('\n');
}

const text = plan();
if (text === null) {
  fs.rmSync(PLAN, { force: true });
} else {
  fs.writeFileSync(PLAN, text, { mode: 0o644 });
}
