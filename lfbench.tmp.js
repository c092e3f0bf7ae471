require('/work/wt-logfiles/dist/bench/cases/setup.js');
const { loggedFile } = require('/work/wt-logfiles/dist/bench/cases/loggingFile.js');
loggedFile({ calls: 20000, rounds: 9, warmup: 10000 }).then((r) => console.log(JSON.stringify(r)));
